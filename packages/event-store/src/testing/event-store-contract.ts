import { randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import { ConcurrencyError, EventStoreError, StoreUnavailableError } from '../errors.js';
import type { EventMetadata, EventStore, EventToAppend, JsonObject, RecordedEvent } from '../event-store.js';
import { GENESIS_HASH, verifyStreamChain } from '../hash-chain.js';
import { LOG_START, compareLogPositions, type LogPosition } from '../log-position.js';
import { waitUntilReadable } from './read-all-through.js';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  readonly cleanup: () => Promise<void>;
}

/**
 * Gives a store for one test. Stores from successive calls may share one
 * database: the suite never assumes an empty log (fresh stream names, and
 * whole-log reads start from the head the test saw first). Tests run one at
 * a time.
 */
export type EventStoreFactory = () => Promise<EventStoreUnderTest>;

const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: { id: 'user-7', role: 'planner' },
  source: 'api',
  requestId: 'req-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  recordedAt: '2024-04-02T10:15:30.123Z',
  ...overrides,
});

const event = (type: string, data: JsonObject, meta: EventMetadata = metadata()): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: meta,
});

const newStream = (prefix: string): string => `${prefix}-${randomUUID()}`;

const positions = (events: readonly RecordedEvent[]): LogPosition[] => events.map((e) => e.position);

function inStrictOrder(list: readonly LogPosition[]): boolean {
  return list.every((position, index) => index === 0 || compareLogPositions(list[index - 1]!, position) < 0);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** Everything the log holds after `after`, page by page. */
async function readAllAfter(store: EventStore, after: LogPosition | null, pageSize = 1_000): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let from = after ?? LOG_START;
  for (;;) {
    const page = await store.readAll({ after: from, limit: pageSize });
    all.push(...page);
    const last = page[page.length - 1];
    if (last === undefined || page.length < pageSize) return all;
    from = last.position;
  }
}

/**
 * The behaviour every EventStore adapter must show. Written once, run by
 * each adapter's test file.
 */
export function eventStoreContract(parent: Test, factory: EventStoreFactory, name = 'EventStore contract'): Promise<unknown> {
  return parent.test(name, async (t) => {
    /** A store for this test, cleaned up when it ends. */
    async function given(t: Test): Promise<EventStore> {
      const { store, cleanup } = await factory();
      t.teardown(async () => {
        await store.close();
        await cleanup();
      });
      return store;
    }

    t.test('appended events read back in order, with versions, positions and a hash chain', async (t) => {
      const store = await given(t);
      const stream = newStream('plan');
      const first = await store.appendToStream(stream, [event('PlanOpened', { year: 2024 }), event('PerspectiveAdded', { name: 'Financiera' })], {
        expectedVersion: 0,
      });
      t.equal(first.nextExpectedVersion, 2);
      const second = await store.appendToStream(stream, [event('UnitAdded', { code: 'DNGF' })], { expectedVersion: 2 });
      t.equal(second.nextExpectedVersion, 3);

      const { version, events } = await store.readStream(stream);
      t.equal(version, 3);
      t.same(
        events.map((e) => [e.streamName, e.streamVersion, e.type]),
        [
          [stream, 1, 'PlanOpened'],
          [stream, 2, 'PerspectiveAdded'],
          [stream, 3, 'UnitAdded'],
        ],
      );
      t.same(events[0]!.data, { year: 2024 });
      t.equal(events[0]!.previousHash, GENESIS_HASH, 'the first event chains to 64 zeros');
      t.equal(events[1]!.previousHash, events[0]!.hash);
      t.match(events[2]!.hash, /^[0-9a-f]{64}$/);
      t.ok(inStrictOrder(positions(events)), 'positions grow with versions');
      t.same(first.position, events[1]!.position, 'an append reports the position of its last event');
      t.same(second.position, events[2]!.position);
      t.same(await waitUntilReadable(store, second.position), second.position, 'the head is the last appended event');

      const tail = await store.readStream(stream, { afterVersion: 1 });
      t.same(
        tail.events.map((e) => e.streamVersion),
        [2, 3],
      );
      t.equal(tail.version, 3);
      const beyond = await store.readStream(stream, { afterVersion: 3 });
      t.same(beyond, { version: 3, events: [] }, 'reading past the end still tells the version');
    });

    t.test('a stream that was never written is at version 0', async (t) => {
      const store = await given(t);
      t.same(await store.readStream(newStream('nothing')), { version: 0, events: [] });
    });

    t.test('readStreams answers each stream as readStream would, in the order asked, and refuses a stream named twice', async (t) => {
      const store = await given(t);
      const [full, caughtUp, fromMiddle, never, behind] = ['full', 'caught-up', 'middle', 'never', 'behind'].map(newStream) as [
        string,
        string,
        string,
        string,
        string,
      ];
      await store.appendToStream(full, [event('A', { n: 1 }), event('B', { n: 2 })], { expectedVersion: 0 });
      await store.appendToStream(caughtUp, [event('A', { n: 1 })], { expectedVersion: 0 });
      await store.appendToStream(fromMiddle, [event('A', { n: 1 }), event('B', { n: 2 }), event('C', { n: 3 })], { expectedVersion: 0 });
      await store.appendToStream(behind, [event('A', { n: 1 })], { expectedVersion: 0 });
      const reads = [
        { streamName: fromMiddle, afterVersion: 1 },
        { streamName: full },
        { streamName: never },
        { streamName: caughtUp, afterVersion: 1 },
        { streamName: behind, afterVersion: 4 },
      ];
      const answered = await store.readStreams(reads);
      t.same(answered, await Promise.all(reads.map(({ streamName, ...options }) => store.readStream(streamName, options))), 'as readStream, one by one');
      t.same(
        answered.map((r) => [r.version, r.events.map((e) => e.type)]),
        [
          [3, ['B', 'C']],
          [2, ['A', 'B']],
          [0, []],
          [1, []],
          [1, []],
        ],
      );
      t.same(await store.readStreams([]), []);
      await t.rejects(store.readStreams([{ streamName: full }, { streamName: full, afterVersion: 1 }]), EventStoreError);
    });

    t.test('given a stream at version 2, an append expecting version 1 (stale) fails and appends nothing', async (t) => {
      const store = await given(t);
      const stream = newStream('stale');
      const initial = await store.appendToStream(stream, [event('A', {}), event('B', {})], { expectedVersion: 0 });
      const head = await waitUntilReadable(store, initial.position);
      const late = event('C', {});

      const error = await rejection(store.appendToStream(stream, [late], { expectedVersion: 1 }));
      t.ok(error instanceof ConcurrencyError, 'a ConcurrencyError');
      t.match(error, { code: 'CONCURRENCY', streamName: stream, expectedVersion: 1, actualVersion: 2 });
      const fresh = await rejection(store.appendToStream(stream, [event('C', {})], { expectedVersion: 0 }));
      t.match(fresh, { name: 'ConcurrencyError', expectedVersion: 0, actualVersion: 2 }, 'expecting a new stream fails too');

      t.equal((await store.readStream(stream)).version, 2);
      const appended = await readAllAfter(store, head);
      t.same(appended, [], 'nothing reached the log');
    });

    t.test('given a stream at version 2, an append expecting version 5 (ahead) fails and appends nothing', async (t) => {
      const store = await given(t);
      const stream = newStream('ahead');
      const initial = await store.appendToStream(stream, [event('A', {}), event('B', {})], { expectedVersion: 0 });
      const head = await waitUntilReadable(store, initial.position);

      const error = await rejection(store.appendToStream(stream, [event('F', {})], { expectedVersion: 5 }));
      t.ok(error instanceof ConcurrencyError, 'a ConcurrencyError');
      t.match(error, { streamName: stream, expectedVersion: 5, actualVersion: 2 });
      const unknown = newStream('unknown');
      t.match(await rejection(store.appendToStream(unknown, [event('X', {})], { expectedVersion: 1 })), {
        name: 'ConcurrencyError',
        actualVersion: 0,
      });

      t.equal((await store.readStream(stream)).version, 2);
      t.same(await store.readStream(unknown), { version: 0, events: [] });
      t.same(await readAllAfter(store, head), [], 'nothing reached the log');
    });

    t.test('when 10 writers append to one stream with the same expected version, exactly one wins', async (t) => {
      const store = await given(t);
      for (const expectedVersion of [0, 1]) {
        const stream = newStream('race');
        if (expectedVersion === 1) await store.appendToStream(stream, [event('Opened', {})], { expectedVersion: 0 });
        const attempts = Array.from({ length: 10 }, (_, writer) =>
          store.appendToStream(stream, [event('Raced', { writer }), event('RacedAgain', { writer })], { expectedVersion }),
        );
        const outcomes = await Promise.allSettled(attempts);
        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        t.equal(winners.length, 1, `one winner expecting version ${expectedVersion}`);
        t.ok(
          losers.every((o) => o.reason instanceof ConcurrencyError),
          'every other writer gets a ConcurrencyError',
        );
        const { version, events } = await store.readStream(stream);
        t.equal(version, expectedVersion + 2, 'only the winner was appended');
        const writers = new Set(events.slice(expectedVersion).map((e) => e.data['writer']));
        t.equal(writers.size, 1, "both events are the winner's");
        t.same(verifyStreamChain(events), { valid: true });
      }
    });

    t.test('an append retried with the same events returns the original result and appends nothing', async (t) => {
      const store = await given(t);
      const stream = newStream('retry');
      const batch = [event('ResultReported', { value: '6138' }), event('JustificationAdded', { text: 'ok' })];
      const original = await store.appendToStream(stream, batch, { expectedVersion: 0 });
      const head = await waitUntilReadable(store, original.position);

      const retried = await store.appendToStream(stream, batch, { expectedVersion: 0 });
      t.same(retried, original, 'the retry answers like the original');
      const copy = batch.map((e) => ({ ...e, data: { ...e.data }, metadata: { ...e.metadata } }));
      t.same(await store.appendToStream(stream, copy, { expectedVersion: 0 }), original, 'equal content, new objects: still the same append');

      const later = await store.appendToStream(stream, [event('Later', {})], { expectedVersion: 2 });
      t.same(await store.appendToStream(stream, batch, { expectedVersion: 0 }), original, 'even after the stream moved on');
      const { version } = await store.readStream(stream);
      t.equal(version, 3, 'only the original and the later event are stored');
      await waitUntilReadable(store, later.position);
      t.equal((await readAllAfter(store, head)).length, 1);
    });

    t.test('an event id reused for a different event is refused with EVENT_ID_REUSED', async (t) => {
      const store = await given(t);
      const stream = newStream('reuse');
      const original = event('TargetSet', { value: '100' });
      const stored = await store.appendToStream(stream, [original], { expectedVersion: 0 });
      const head = await waitUntilReadable(store, stored.position);

      const changed = await rejection(store.appendToStream(stream, [{ ...original, data: { value: '101' } }], { expectedVersion: 0 }));
      t.ok(changed instanceof EventStoreError, 'an EventStoreError');
      t.match(changed, { code: 'EVENT_ID_REUSED' });
      t.notOk(changed instanceof ConcurrencyError, 'not mistaken for a version conflict');

      const elsewhere = await rejection(store.appendToStream(newStream('other'), [original], { expectedVersion: 0 }));
      t.match(elsewhere, { code: 'EVENT_ID_REUSED' }, 'the same event in another stream');
      const mixed = await rejection(store.appendToStream(stream, [event('New', {}), original], { expectedVersion: 1 }));
      t.match(mixed, { code: 'EVENT_ID_REUSED' }, 'an old event id inside a new batch');
      const twice = await rejection(store.appendToStream(newStream('twice'), [original, original], { expectedVersion: 0 }));
      t.match(twice, { code: 'EVENT_ID_REUSED' }, 'one id twice in one batch');

      t.same(await readAllAfter(store, head), [], 'nothing reached the log');
    });

    t.test('invalid appends are refused before reaching the database', async (t) => {
      const store = await given(t);
      const stream = newStream('invalid');
      const invalid = async (events: readonly EventToAppend[], expectedVersion = 0): Promise<void> => {
        t.match(await rejection(store.appendToStream(stream, events, { expectedVersion })), { code: 'INVALID_ARGUMENT' });
      };
      await invalid([]);
      await invalid([{ ...event('A', {}), eventId: 'not-a-uuid' }]);
      await invalid([{ ...event('A', {}), eventId: randomUUID().toUpperCase() }]);
      await invalid([event('A', { ratio: Number.NaN })]);
      await invalid([event('A', { when: new Date(0) as unknown as string })]);
      await invalid([event('A', { text: 'nul \u0000 inside' })]);
      await invalid([event('A', {})], -1);
      t.same(await store.readStream(stream), { version: 0, events: [] });
    });

    t.test('the hash chain verifies, and detects a tampered event', async (t) => {
      const store = await given(t);
      const stream = newStream('chain');
      await store.appendToStream(stream, [event('A', { n: 1 }), event('B', { n: 2 })], { expectedVersion: 0 });
      await store.appendToStream(stream, [event('C', { n: 3, nested: { z: [1, 2.5, 'x'], a: null } })], { expectedVersion: 2 });
      const { events } = await store.readStream(stream);
      t.same(verifyStreamChain(events), { valid: true });
      t.same(verifyStreamChain((await store.readStream(stream, { afterVersion: 1 })).events), { valid: true }, 'a slice verifies too');

      const edited = events.map((e) => (e.streamVersion === 2 ? { ...e, data: { n: 20 } } : e));
      t.same(verifyStreamChain(edited), { valid: false, streamVersion: 2, problem: 'hash-mismatch' }, 'edited data');
      const rehashed = events.map((e) => (e.streamVersion === 2 ? { ...e, hash: 'f'.repeat(64) } : e));
      t.match(verifyStreamChain(rehashed), { valid: false, streamVersion: 2 }, 'a forged hash');
      const reasoned = events.map((e) => (e.streamVersion === 3 ? { ...e, metadata: { ...e.metadata, reason: 'backdated' } } : e));
      t.same(verifyStreamChain(reasoned), { valid: false, streamVersion: 3, problem: 'hash-mismatch' }, 'edited metadata');
      t.same(verifyStreamChain([events[0]!, events[2]!]), { valid: false, streamVersion: 3, problem: 'version-gap' }, 'a removed event');
    });

    t.test('readAll returns the log in order and pages with `after`', async (t) => {
      const store = await given(t);
      const start = await store.headPosition();
      const streams = [newStream('a'), newStream('b'), newStream('c')];
      const appended: string[] = [];
      let last: LogPosition | undefined;
      for (let round = 0; round < 3; round += 1) {
        for (const [index, stream] of streams.entries()) {
          const events = [event('E', { round, index }), event('F', { round, index })];
          last = (await store.appendToStream(stream, events, { expectedVersion: round * 2 })).position;
          appended.push(...events.map((e) => e.eventId));
        }
      }
      await waitUntilReadable(store, last!);

      const all = await readAllAfter(store, start);
      t.same(
        all.map((e) => e.eventId),
        appended,
        'every event once, in the order the appends committed',
      );
      t.ok(inStrictOrder(positions(all)), 'positions strictly increase');

      const paged = await readAllAfter(store, start, 4);
      t.same(
        paged.map((e) => e.eventId),
        appended,
        'pages of 4 join into the same log',
      );
      const firstPage = await store.readAll({ after: start ?? LOG_START, limit: 4 });
      t.equal(firstPage.length, 4, 'a page holds at most `limit` events');
      const nextPage = await store.readAll({ after: firstPage[3]!.position, limit: 4 });
      t.same(nextPage[0]!.eventId, appended[4], 'the next page starts right after the given position');
      t.same(await store.headPosition(), all[all.length - 1]!.position);
      t.same(await store.latestPosition(), all[all.length - 1]!.position, 'with nothing in flight, the latest is the head');
    });

    t.test('follow delivers events appended after it started, and stops on abort', async (t) => {
      const store = await given(t);
      const start = await store.headPosition();
      const controller = new AbortController();
      const iterator = store.follow({ ...(start === null ? {} : { after: start }), signal: controller.signal, batchSize: 2 })[Symbol.asyncIterator]();
      const firstBatch = iterator.next();

      const stream = newStream('followed');
      const events = [event('A', {}), event('B', {}), event('C', {})];
      await store.appendToStream(stream, events.slice(0, 1), { expectedVersion: 0 });
      await store.appendToStream(stream, events.slice(1), { expectedVersion: 1 });

      const received: RecordedEvent[] = [];
      let next = await firstBatch;
      for (;;) {
        t.notOk(next.done, 'the follower keeps going while not aborted');
        if (next.done === true) break;
        t.ok(next.value.length <= 2, 'batches respect batchSize');
        received.push(...next.value);
        if (received.length >= events.length) break;
        next = await iterator.next();
      }
      t.same(
        received.map((e) => e.eventId),
        events.map((e) => e.eventId),
      );

      const pending = iterator.next();
      controller.abort();
      t.same(await pending, { done: true, value: undefined }, 'an idle follower ends when aborted');

      const alreadyAborted = store.follow({ signal: AbortSignal.abort() })[Symbol.asyncIterator]();
      t.same(await alreadyAborted.next(), { done: true, value: undefined }, 'an aborted signal ends it at once');
    });

    t.test('metadata round-trips exactly and text is kept byte for byte', async (t) => {
      const store = await given(t);
      const start = await store.headPosition();
      const stream = newStream('unicode');
      const meta = metadata({
        actor: { id: 'auditora-ñ', role: 'compliance' },
        source: 'import',
        requestId: 'req-ü-42',
        correlationId: 'corr-🚦',
        causationId: 'cause-9',
        recordedAt: '2023-12-31T23:59:59.999Z',
        reason: 'Reprogramación de la meta por ajuste presupuestario — aprobada en acta Nº 7',
      });
      const text = {
        nfc: 'Año fiscal: Crítico / Regular / Bueno — señal 🚦 中文 ✓',
        nfd: 'Ano\u0303 fiscal e\u0301',
        escapes: 'quote " backslash \\ tab \t newline \n',
        emoji: '👩🏽‍⚕️',
      };
      const appended = event('IndicatorRenamed', { text, amounts: ['6138', '99.13'], ratio: 0.1, big: 12345678901234567168, neg: -0.5 }, meta);
      const stored = await store.appendToStream(stream, [appended], { expectedVersion: 0 });
      await waitUntilReadable(store, stored.position);

      const [read] = (await store.readStream(stream)).events;
      t.same(read?.metadata, meta, 'every metadata field, reason included');
      t.strictSame(read?.data, appended.data, 'data deep-equal');
      const readText = read?.data['text'] as Record<string, string>;
      for (const [key, value] of Object.entries(text)) {
        t.ok(Buffer.from(readText[key]!, 'utf8').equals(Buffer.from(value, 'utf8')), `${key}: same UTF-8 bytes (no normalization)`);
      }
      const fromLog = (await readAllAfter(store, start)).find((e) => e.eventId === appended.eventId);
      t.same(fromLog?.metadata, meta, 'readAll returns the same metadata');
      t.same(verifyStreamChain(read === undefined ? [] : [read]), { valid: true }, 'the hash still checks out after the round trip');
    });

    t.test('ping answers while open; after close, calls fail with StoreUnavailableError', async (t) => {
      const store = await given(t);
      await store.ping();
      t.pass('ping resolved');
      await store.close();
      await store.close();
      t.ok((await rejection(store.ping())) instanceof StoreUnavailableError, 'ping');
      t.ok((await rejection(store.readStream('any'))) instanceof StoreUnavailableError, 'readStream');
      t.ok((await rejection(store.appendToStream(newStream('x'), [event('A', {})], { expectedVersion: 0 }))) instanceof StoreUnavailableError, 'append');
    });
  });
}
