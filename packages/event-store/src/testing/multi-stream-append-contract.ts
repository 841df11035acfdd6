import { randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import { ConcurrencyError, EventStoreError } from '../errors.js';
import type { EventMetadata, EventStore, EventToAppend, JsonObject, MultiStreamAppender, RecordedEvent } from '../event-store.js';
import { verifyStreamChain } from '../hash-chain.js';
import { LOG_START, type LogPosition } from '../log-position.js';
import { waitUntilReadable } from './read-all-through.js';

export interface MultiStreamAppenderUnderTest {
  readonly store: EventStore & MultiStreamAppender;
  readonly cleanup: () => Promise<void>;
}

/** Like `EventStoreFactory`: stores may share a database; the suite never assumes an empty log. */
export type MultiStreamAppenderFactory = () => Promise<MultiStreamAppenderUnderTest>;

const metadata: EventMetadata = {
  actor: { id: 'importer', role: 'admin' },
  source: 'import',
  requestId: 'req-import',
  correlationId: 'corr-import',
  causationId: 'cause-import',
  recordedAt: '2024-04-02T10:15:30.123Z',
};

const event = (type: string, data: JsonObject = {}): EventToAppend => ({ eventId: randomUUID(), type, data, metadata });
const newStream = (prefix: string): string => `${prefix}-${randomUUID()}`;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function readAllAfter(store: EventStore, after: LogPosition | null): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let from = after ?? LOG_START;
  for (;;) {
    const page = await store.readAll({ after: from, limit: 1_000 });
    all.push(...page);
    const last = page[page.length - 1];
    if (last === undefined || page.length < 1_000) return all;
    from = last.position;
  }
}

/**
 * What a store that appends to many streams at once must do: check every
 * stream like `appendToStream` does, atomically, in the order given. Run by
 * the adapters that offer `appendToStreams`.
 */
export function multiStreamAppendContract(parent: Test, factory: MultiStreamAppenderFactory, name = 'multi-stream append contract'): Promise<unknown> {
  return parent.test(name, async (t) => {
    async function given(t: Test): Promise<EventStore & MultiStreamAppender> {
      const { store, cleanup } = await factory();
      t.teardown(async () => {
        await store.close();
        await cleanup();
      });
      return store;
    }

    t.test('given new and existing streams, when appended together, then every stream is checked, chained and in the log in the order given', async (t) => {
      const store = await given(t);
      const existing = newStream('indicator');
      const registered = await store.appendToStream(existing, [event('IndicatorRegistered')], { expectedVersion: 0 });
      const head = await waitUntilReadable(store, registered.position);
      const plan = newStream('plan');
      const other = newStream('indicator');

      const results = await store.appendToStreams([
        { streamName: plan, events: [event('PlanOpened', { year: 2024 }), event('UnitDefined', { code: 'DNGF' })], expectedVersion: 0 },
        { streamName: existing, events: [event('TargetSet', { period: '2024-M01', value: '95.5' })], expectedVersion: 1 },
        { streamName: other, events: [event('IndicatorRegistered', { code: 'IE-1' })], expectedVersion: 0 },
      ]);

      t.same(
        results.map((r) => r.nextExpectedVersion),
        [2, 2, 1],
        'each stream reports its new version, in the order asked',
      );
      await waitUntilReadable(store, results[2]!.position);
      const log = await readAllAfter(store, head);
      t.same(
        log.map((e) => [e.streamName, e.streamVersion, e.type]),
        [
          [plan, 1, 'PlanOpened'],
          [plan, 2, 'UnitDefined'],
          [existing, 2, 'TargetSet'],
          [other, 1, 'IndicatorRegistered'],
        ],
      );
      t.same(results[0]!.position, log[1]!.position, "a stream's result is the position of its last event");
      t.same(results[1]!.position, log[2]!.position);
      t.same(results[2]!.position, log[3]!.position);
      for (const stream of [plan, existing, other]) {
        t.same(verifyStreamChain((await store.readStream(stream)).events), { valid: true }, `${stream.split('-')[0]} chains`);
      }
      const next = await store.appendToStream(existing, [event('ResultReported')], { expectedVersion: 2 });
      t.equal(next.nextExpectedVersion, 3, 'single appends carry on from there');
    });

    t.test('given one stale stream among fresh ones, then ConcurrencyError names it and nothing is appended to any', async (t) => {
      const store = await given(t);
      const moved = newStream('moved');
      const initial = await store.appendToStream(moved, [event('A'), event('B')], { expectedVersion: 0 });
      const head = await waitUntilReadable(store, initial.position);
      const fresh = newStream('fresh');

      for (const expectedVersion of [1, 5, 0]) {
        const error = await rejection(
          store.appendToStreams([
            { streamName: fresh, events: [event('X')], expectedVersion: 0 },
            { streamName: moved, events: [event('C')], expectedVersion },
          ]),
        );
        t.ok(error instanceof ConcurrencyError, `expecting version ${expectedVersion}: a ConcurrencyError`);
        t.match(error, { streamName: moved, expectedVersion, actualVersion: 2 });
      }
      t.same(await readAllAfter(store, head), [], 'nothing reached the log');
      t.same(await store.readStream(fresh), { version: 0, events: [] });
    });

    t.test('given a store whose cache is behind another writer, then the multi-stream append still checks the database', async (t) => {
      const store = await given(t);
      const { store: other, cleanup } = await factory();
      t.teardown(async () => {
        await other.close();
        await cleanup();
      });
      const stream = newStream('shared');
      await store.appendToStream(stream, [event('A')], { expectedVersion: 0 });
      await other.appendToStream(stream, [event('B')], { expectedVersion: 1 });

      t.match(await rejection(store.appendToStreams([{ streamName: stream, events: [event('C')], expectedVersion: 1 }])), {
        name: 'ConcurrencyError',
        actualVersion: 2,
      });
      const [result] = await store.appendToStreams([{ streamName: stream, events: [event('C')], expectedVersion: 2 }]);
      t.equal(result!.nextExpectedVersion, 3);
      t.same(verifyStreamChain((await store.readStream(stream)).events), { valid: true });
    });

    t.test('when two multi-stream appends race for one stream, exactly one wins, whole', async (t) => {
      const store = await given(t);
      const contested = newStream('contested');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, writer) =>
          store.appendToStreams([
            { streamName: newStream(`own-${writer}`), events: [event('Own', { writer })], expectedVersion: 0 },
            { streamName: contested, events: [event('Raced', { writer })], expectedVersion: 0 },
          ]),
        ),
      );
      t.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1, 'one winner');
      t.ok(
        outcomes.every((o) => o.status === 'fulfilled' || o.reason instanceof ConcurrencyError),
        'the others get a ConcurrencyError',
      );
      const { events } = await store.readStream(contested);
      t.equal(events.length, 1);
      const winner = outcomes.findIndex((o) => o.status === 'fulfilled');
      t.equal(events[0]!.data['writer'], winner, "the contested stream holds the winner's event");
    });

    t.test('given calls made without waiting for each other, then they land in call order, later ones continuing earlier ones', async (t) => {
      const store = await given(t);
      const head = await store.headPosition();
      const a = newStream('a');
      const b = newStream('b');
      const first = store.appendToStreams([
        { streamName: a, events: [event('A1'), event('A2')], expectedVersion: 0 },
        { streamName: b, events: [event('B1')], expectedVersion: 0 },
      ]);
      const second = store.appendToStreams([{ streamName: a, events: [event('A3')], expectedVersion: 2 }]);
      const third = store.appendToStreams([
        { streamName: b, events: [event('B2')], expectedVersion: 1 },
        { streamName: a, events: [event('A4')], expectedVersion: 3 },
      ]);
      const results = await Promise.all([first, second, third]);
      t.same(
        results.map((r) => r.map((x) => x.nextExpectedVersion)),
        [[2, 1], [3], [2, 4]],
      );
      await waitUntilReadable(store, results[2][1]!.position);
      t.same(
        (await readAllAfter(store, head)).map((e) => e.type),
        ['A1', 'A2', 'B1', 'A3', 'B2', 'A4'],
        'the log holds them in call order',
      );
      t.same(verifyStreamChain((await store.readStream(a)).events), { valid: true });
      t.same(verifyStreamChain((await store.readStream(b)).events), { valid: true });
    });

    t.test('given calls made without waiting, when one fails, then the one continuing its streams fails too and the others land', async (t) => {
      const store = await given(t);
      const taken = newStream('taken');
      const existing = await store.appendToStream(taken, [event('Existing')], { expectedVersion: 0 });
      const head = await waitUntilReadable(store, existing.position);
      const doomed = newStream('doomed');
      const other = newStream('other');
      const failing = store.appendToStreams([
        { streamName: doomed, events: [event('D1')], expectedVersion: 0 },
        { streamName: taken, events: [event('Stale')], expectedVersion: 0 },
      ]);
      const continuing = store.appendToStreams([{ streamName: doomed, events: [event('D2')], expectedVersion: 1 }]);
      const independent = store.appendToStreams([{ streamName: other, events: [event('O1')], expectedVersion: 0 }]);
      const [a, b, c] = await Promise.allSettled([failing, continuing, independent]);
      t.ok(a.status === 'rejected' && a.reason instanceof ConcurrencyError, 'the stale call fails');
      t.ok(b.status === 'rejected' && b.reason instanceof ConcurrencyError, 'the call that continues it fails');
      t.equal(c.status, 'fulfilled', 'an independent call lands');
      if (c.status === 'fulfilled') await waitUntilReadable(store, c.value[0]!.position);
      t.same(
        (await readAllAfter(store, head)).map((e) => e.type),
        ['O1'],
      );
      const [retried] = await store.appendToStreams([{ streamName: doomed, events: [event('D1 again')], expectedVersion: 0 }]);
      t.equal(retried!.nextExpectedVersion, 1, 'the stream it would have created is still free');
    });

    t.test('a multi-stream append retried with the same events returns the original results and appends nothing', async (t) => {
      const store = await given(t);
      const appends = [
        { streamName: newStream('a'), events: [event('One'), event('Two')], expectedVersion: 0 },
        { streamName: newStream('b'), events: [event('Three')], expectedVersion: 0 },
      ];
      const original = await store.appendToStreams(appends);
      const head = await store.headPosition();
      t.same(await store.appendToStreams(appends), original);
      t.same(await readAllAfter(store, head), []);
    });

    t.test('misuses are refused before anything is appended', async (t) => {
      const store = await given(t);
      const used = event('Used');
      await store.appendToStream(newStream('used'), [used], { expectedVersion: 0 });
      const head = await store.headPosition();
      const stream = newStream('twice');
      const shared = event('Shared');

      t.match(await rejection(store.appendToStreams([])), { code: 'INVALID_ARGUMENT' }, 'nothing to append');
      t.match(
        await rejection(
          store.appendToStreams([
            { streamName: stream, events: [event('A')], expectedVersion: 0 },
            { streamName: stream, events: [event('B')], expectedVersion: 1 },
          ]),
        ),
        { code: 'INVALID_ARGUMENT' },
        'one stream twice',
      );
      t.match(
        await rejection(
          store.appendToStreams([
            { streamName: newStream('x'), events: [shared], expectedVersion: 0 },
            { streamName: newStream('y'), events: [shared], expectedVersion: 0 },
          ]),
        ),
        { code: 'EVENT_ID_REUSED' },
        'one event id in two streams',
      );
      const reused = await rejection(
        store.appendToStreams([
          { streamName: newStream('z'), events: [event('Fine')], expectedVersion: 0 },
          { streamName: newStream('w'), events: [{ ...used, data: { other: true } }], expectedVersion: 0 },
        ]),
      );
      t.ok(reused instanceof EventStoreError && !(reused instanceof ConcurrencyError), 'an id taken by another event is not a version conflict');
      t.match(reused, { code: 'EVENT_ID_REUSED' });
      t.match(await rejection(store.appendToStreams([{ streamName: newStream('v'), events: [event('A')], expectedVersion: -1 }])), {
        code: 'INVALID_ARGUMENT',
      });
      for (const [what, bad] of [
        ['a lone surrogate in a data key', { ...event('A'), data: { ['k\ud800']: 1 } }],
        ['a lone surrogate in a nested value', { ...event('A'), data: { list: [{ text: 'x\udfff' }] } }],
        ['U+0000 in metadata', { ...event('A'), metadata: { ...metadata, reason: 'a\u0000b' } }],
      ] as const) {
        t.match(
          await rejection(store.appendToStreams([{ streamName: newStream('u'), events: [bad as EventToAppend], expectedVersion: 0 }])),
          { code: 'INVALID_ARGUMENT' },
          what,
        );
      }
      t.same(
        (
          await store.appendToStreams([
            { streamName: newStream('ok'), events: [event('A', { text: 'backslash-u \\u0000, a pair 😀, a tab \t' })], expectedVersion: 0 },
          ])
        ).length,
        1,
        'text that only looks like an escape, surrogate pairs and control characters are stored',
      );
      t.same(
        (await readAllAfter(store, head)).map((e) => e.streamName.split('-')[0]),
        ['ok'],
        'nothing else reached the log',
      );
    });
  });
}
