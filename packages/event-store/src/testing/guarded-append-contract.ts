import { randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import { ConcurrencyError, EventStoreError } from '../errors.js';
import { canAppendToStreams, type EventMetadata, type EventToAppend } from '../event-store.js';
import type { EventStoreFactory } from './event-store-contract.js';

const metadata: EventMetadata = {
  actor: { id: 'user-7', role: 'planner' },
  source: 'api',
  requestId: 'req-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  recordedAt: '2024-04-02T10:15:30.123Z',
};
const event = (type: string): EventToAppend => ({ eventId: randomUUID(), type, data: { n: 1 }, metadata });
const newStream = (prefix: string): string => `${prefix}-${randomUUID()}`;

/**
 * Guarded and fenced appends (`AppendOptions`), one client at a time: what
 * lands, what is refused and how. The race itself (a fenced append
 * committing while a guarded one checks) needs two sessions: see the
 * PostgreSQL file and the 16-client sign-off test.
 */
export async function guardedAppendContract(t: Test, factory: EventStoreFactory, name: string): Promise<void> {
  await t.test(name, async (t) => {
    t.test('a guarded append lands while its guard stream is at the version given', async (t) => {
      const { store, cleanup } = await factory();
      t.teardown(cleanup);
      const guard = newStream('signoff');
      const guarded = newStream('indicator');
      t.equal(
        (await store.appendToStream(guarded, [event('A')], { expectedVersion: 0, guards: [{ streamName: guard, version: 0 }] })).nextExpectedVersion,
        1,
        'an empty guard stream is at 0',
      );
      await store.appendToStream(guard, [event('Approved')], { expectedVersion: 0, fence: true });
      const second = await store.appendToStream(guarded, [event('B'), event('C')], { expectedVersion: 1, guards: [{ streamName: guard, version: 1 }] });
      t.equal(second.nextExpectedVersion, 3, 'several events, guarded');
      t.equal((await store.readStream(guarded)).version, 3);
    });

    t.test('a guarded append whose guard stream moved on fails with ConcurrencyError on the guard stream, and appends nothing', async (t) => {
      const { store, cleanup } = await factory();
      t.teardown(cleanup);
      const guard = newStream('signoff');
      const guarded = newStream('indicator');
      await store.appendToStream(guarded, [event('A')], { expectedVersion: 0 });
      await store.appendToStream(guard, [event('Approved')], { expectedVersion: 0, fence: true });
      for (const events of [[event('B')], [event('B'), event('C')]]) {
        const error = await store.appendToStream(guarded, events, { expectedVersion: 1, guards: [{ streamName: guard, version: 0 }] }).then(
          () => null,
          (e: unknown) => e,
        );
        t.ok(error instanceof ConcurrencyError, `${events.length} event(s): a ConcurrencyError`);
        t.equal((error as ConcurrencyError).streamName, guard, 'naming the guard stream');
        t.equal((error as ConcurrencyError).expectedVersion, 0);
        t.equal((error as ConcurrencyError).actualVersion, 1);
      }
      t.equal((await store.readStream(guarded)).version, 1, 'nothing appended');
    });

    t.test('an append that landed, retried after its guard moved on, returns the original result', async (t) => {
      const { store, cleanup } = await factory();
      t.teardown(cleanup);
      const guard = newStream('signoff');
      const guarded = newStream('indicator');
      const events = [event('A')];
      const first = await store.appendToStream(guarded, events, { expectedVersion: 0, guards: [{ streamName: guard, version: 0 }] });
      await store.appendToStream(guard, [event('Approved')], { expectedVersion: 0, fence: true });
      const again = await store.appendToStream(guarded, events, { expectedVersion: 0, guards: [{ streamName: guard, version: 0 }] });
      t.same(again, first);
    });

    t.test('a stream cannot guard its own append, nor be guarded twice', async (t) => {
      const { store, cleanup } = await factory();
      t.teardown(cleanup);
      const stream = newStream('indicator');
      const other = newStream('signoff');
      for (const guards of [
        [{ streamName: stream, version: 0 }],
        [
          { streamName: other, version: 0 },
          { streamName: other, version: 0 },
        ],
        [{ streamName: other, version: -1 }],
      ]) {
        const error = await store.appendToStream(stream, [event('A')], { expectedVersion: 0, guards }).then(
          () => null,
          (e: unknown) => e,
        );
        t.ok(error instanceof EventStoreError && error.code === 'INVALID_ARGUMENT', JSON.stringify(guards));
      }
    });

    t.test('a guarded multi-stream append lands while its guard stream is at the version given, and appends nothing once it moved on', async (t) => {
      const { store, cleanup } = await factory();
      t.teardown(cleanup);
      if (!canAppendToStreams(store)) return t.comment('no multi-stream appends: per stream, see above');
      const guard = newStream('signoff');
      const [a, b] = [newStream('indicator'), newStream('indicator')];
      const landed = await store.appendToStreams(
        [
          { streamName: a, events: [event('A')], expectedVersion: 0 },
          { streamName: b, events: [event('A'), event('B')], expectedVersion: 0 },
        ],
        { guards: [{ streamName: guard, version: 0 }] },
      );
      t.same(
        landed.map((r) => r.nextExpectedVersion),
        [1, 2],
      );
      await store.appendToStream(guard, [event('Approved')], { expectedVersion: 0, fence: true });
      const error = await store
        .appendToStreams(
          [
            { streamName: a, events: [event('C')], expectedVersion: 1 },
            { streamName: b, events: [event('C')], expectedVersion: 2 },
          ],
          { guards: [{ streamName: guard, version: 0 }] },
        )
        .then(
          () => null,
          (e: unknown) => e,
        );
      t.ok(error instanceof ConcurrencyError, 'a ConcurrencyError');
      t.equal((error as ConcurrencyError).streamName, guard, 'naming the guard stream');
      t.equal((error as ConcurrencyError).expectedVersion, 0);
      t.equal((error as ConcurrencyError).actualVersion, 1);
      t.same([(await store.readStream(a)).version, (await store.readStream(b)).version], [1, 2], 'nothing appended to either stream');
      const again = await store.appendToStreams(
        [
          { streamName: a, events: [event('C')], expectedVersion: 1 },
          { streamName: b, events: [event('C')], expectedVersion: 2 },
        ],
        { guards: [{ streamName: guard, version: 1 }] },
      );
      t.same(
        again.map((r) => r.nextExpectedVersion),
        [2, 3],
        'decided again on the guard as it is now: lands',
      );
    });

    t.test('a guarded multi-stream append that landed, retried after its guard moved on, returns the original result', async (t) => {
      const { store, cleanup } = await factory();
      t.teardown(cleanup);
      if (!canAppendToStreams(store)) return t.comment('no multi-stream appends: per stream, see above');
      const guard = newStream('signoff');
      const appends = [{ streamName: newStream('indicator'), events: [event('A')], expectedVersion: 0 }];
      const first = await store.appendToStreams(appends, { guards: [{ streamName: guard, version: 0 }] });
      await store.appendToStream(guard, [event('Approved')], { expectedVersion: 0, fence: true });
      t.same(await store.appendToStreams(appends, { guards: [{ streamName: guard, version: 0 }] }), first);
    });

    t.test('a multi-stream append cannot guard on a stream it appends to, nor on one twice', async (t) => {
      const { store, cleanup } = await factory();
      t.teardown(cleanup);
      if (!canAppendToStreams(store)) return t.comment('no multi-stream appends: per stream, see above');
      const stream = newStream('indicator');
      const other = newStream('signoff');
      for (const guards of [
        [{ streamName: stream, version: 0 }],
        [
          { streamName: other, version: 0 },
          { streamName: other, version: 0 },
        ],
        [{ streamName: other, version: -1 }],
      ]) {
        const error = await store.appendToStreams([{ streamName: stream, events: [event('A')], expectedVersion: 0 }], { guards }).then(
          () => null,
          (e: unknown) => e,
        );
        t.ok(error instanceof EventStoreError && error.code === 'INVALID_ARGUMENT', JSON.stringify(guards));
      }
      t.equal((await store.readStream(stream)).version, 0, 'nothing appended');
    });

    t.test('a stream fenced in a multi-stream append refuses a guarded append decided before it', async (t) => {
      const { store, cleanup } = await factory();
      t.teardown(cleanup);
      if (!canAppendToStreams(store)) return t.comment('no multi-stream appends: per stream, see above');
      const guard = newStream('signoff');
      const guarded = newStream('indicator');
      await store.appendToStreams([
        { streamName: guard, events: [event('Approved')], expectedVersion: 0, fence: true },
        { streamName: newStream('other'), events: [event('A')], expectedVersion: 0 },
      ]);
      const error = await store.appendToStream(guarded, [event('B')], { expectedVersion: 0, guards: [{ streamName: guard, version: 0 }] }).then(
        () => null,
        (e: unknown) => e,
      );
      t.ok(error instanceof ConcurrencyError && error.streamName === guard);
    });

    t.test('a fenced append is an append: versions and conflicts as usual', async (t) => {
      const { store, cleanup } = await factory();
      t.teardown(cleanup);
      const stream = newStream('signoff');
      await store.appendToStream(stream, [event('A')], { expectedVersion: 0, fence: true });
      t.equal((await store.appendToStream(stream, [event('B'), event('C')], { expectedVersion: 1, fence: true })).nextExpectedVersion, 3);
      const error = await store.appendToStream(stream, [event('D')], { expectedVersion: 1, fence: true }).then(
        () => null,
        (e: unknown) => e,
      );
      t.ok(error instanceof ConcurrencyError && error.streamName === stream);
    });
  });
}
