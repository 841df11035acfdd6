import type { Test } from 'tap';
import { formatLogPosition, LOG_START } from '@semaforo/event-store';
import { sql } from 'kysely';
import { liveProjection, resolveAsOf } from '../as-of.js';
import { ProjectionApplyError, ProjectorError } from '../errors.js';
import { positionKey } from '../position-key.js';
import { projectionSchema } from '../projection.js';
import type { Projection } from '../projection.js';
import { rebuildProjection, rebuildProjections } from '../rebuild-projection.js';
import { readRegistration } from '../registry.js';
import { tickingClock, waitFor, waitUntilCaughtUp, type OpenTestDatabase, type TestDatabase } from './runner-harness.js';
import { appendToyEvents, readToyApplications, readToyCounts, readToyRows, toyProjection, TOY_COUNTED } from './toy-projection.js';

/*
 * The runner's behaviour, told once and run on PGlite and on PostgreSQL.
 */

const toy = toyProjection();
const schema = projectionSchema(toy);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

const codeOf = (error: unknown): string | undefined => (error instanceof ProjectorError ? error.code : undefined);

async function watermarks(database: TestDatabase): Promise<Array<{ version: number; position: string; observedAt: Date }>> {
  const { rows } = await sql<{ version: number; commit: string; prepare: string; observed_at: Date }>`
    SELECT version, commit::text AS commit, prepare::text AS prepare, observed_at FROM projector.watermarks ORDER BY id`.execute(database.db);
  return rows.map((row) => ({ version: row.version, position: `${row.commit}:${row.prepare}`, observedAt: row.observed_at }));
}

/** Counts per stream straight from the log: what the toy projection must hold. */
async function expectedCounts(database: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let after = LOG_START;
  for (;;) {
    const page = await database.store.readAll({ after, limit: 1_000 });
    for (const event of page) if (event.type === TOY_COUNTED) counts[event.streamName] = (counts[event.streamName] ?? 0) + 1;
    const last = page[page.length - 1];
    if (last === undefined) return counts;
    after = last.position;
  }
}

/** Each event applied exactly once, by the probe table. */
async function appliedOnce(t: Test, database: TestDatabase, expected: number, schemaName = schema): Promise<void> {
  const applications = await readToyApplications(database.db, schemaName);
  const distinct = new Set(applications.map((row) => row.position_key));
  t.equal(applications.length, expected, `${expected} applications`);
  t.equal(distinct.size, applications.length, 'no event applied twice');
}

export function runnerSuite(t: Test, label: string, open: OpenTestDatabase): void {
  t.test(`${label}: a first version is registered live only once its tables exist, so no reader resolves it to a missing table`, async (t) => {
    const database = await open(t);
    await appendToyEvents(database.store, { streams: 1, perStream: 3, prefix: 'm' });
    // Given a migration that takes a while,
    let migrated = false;
    const slow: Projection = {
      ...toy,
      name: 'toy-slow-migration',
      async migrate(db, schemaName) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await toy.migrate(db, schemaName);
        migrated = true;
      },
    };
    // when a runner starts it, then whenever the registry says live, the migration has run.
    const runner = database.start([slow], {});
    await waitFor('the version to be registered', async () => {
      try {
        await liveProjection(database.db, slow.name);
        return true;
      } catch {
        return false;
      }
    });
    t.ok(migrated, 'the tables were created before the registration');
    await t.resolves(readToyCounts(database.db, projectionSchema(slow)), 'its tables answer');
    await runner.stop();
  });

  t.test(`${label}: a runner applies its event types, and moves its checkpoint past the others in the same transactions`, async (t) => {
    const database = await open(t);
    // Given 3 streams of 10 events, every 5th of a type the toy ignores,
    await appendToyEvents(database.store, { streams: 3, perStream: 10, ignoredEvery: 5, prefix: 's' });
    // when a runner reads them 7 at a time,
    const runner = database.start([toy], { batchSize: 7 });
    await waitUntilCaughtUp(database, toy);
    await runner.stop();

    // then the counts hold 8 events per stream and the checkpoint is the head.
    t.same(await readToyCounts(database.db, schema), { 's-0': 8, 's-1': 8, 's-2': 8 });
    const registration = await readRegistration(database.db, toy);
    t.equal(registration?.state, 'live', 'the first version of a projection is live at once');
    t.same(registration?.checkpoint, database.lastAppended());
    t.equal(registration?.eventsApplied, 24n, 'the 6 ignored events are not counted as applied');
    await appliedOnce(t, database, 24);
    // One watermark per batch, at the checkpoint that batch committed.
    const batches = runner.progress.map((p) => formatLogPosition(p.checkpoint));
    t.equal(batches.length, 5, '30 events, 7 at a time: 5 batches');
    t.same(
      (await watermarks(database)).map((w) => w.position),
      batches,
      'a watermark per batch, each at that batch checkpoint',
    );
  });

  t.test(`${label}: a handler that fails midway through a batch moves neither rows nor checkpoint, is named, and is retried until it passes`, async (t) => {
    const database = await open(t);
    let broken = true;
    const failing = toyProjection({ failOn: (event) => broken && event.streamName === 'f-0' && event.data['n'] === 7 });
    const runner = database.start([failing], { batchSize: 50 });
    // Given a projection that has applied 5 events,
    await appendToyEvents(database.store, { streams: 1, perStream: 5, prefix: 'a' });
    await waitUntilCaughtUp(database, failing);
    const before = await readRegistration(database.db, failing);
    const rowsBefore = await readToyRows(database.db, schema);

    // when 10 more arrive in one batch and the handler throws on the 7th, after writing rows for the batch,
    await appendToyEvents(database.store, { streams: 1, perStream: 10, perAppend: 10, prefix: 'f' });
    const seventh = (await database.store.readStream('f-0')).events[6]!;
    await waitFor('the runner to report the failure', () => runner.logs.some((entry) => entry.level === 'error'));

    // then nothing moved,
    t.same((await readRegistration(database.db, failing))?.checkpoint, before?.checkpoint, 'the checkpoint did not move');
    t.same(await readToyRows(database.db, schema), rowsBefore, 'no row of the failed batch is there');
    t.equal((await readToyApplications(database.db, schema)).length, 5, 'not even in the probe');
    // and the error names the event: position, type, stream.
    const error = runner.logs.find((entry) => entry.level === 'error')!;
    t.same(error.fields['event'], { position: formatLogPosition(seventh.position), type: TOY_COUNTED, streamName: 'f-0', streamVersion: 7 });
    t.match(error.message, `event ToyCounted at ${formatLogPosition(seventh.position)} (stream f-0 v7)`);

    // When the handler is fixed, the retry applies the batch: nothing was skipped.
    broken = false;
    await waitUntilCaughtUp(database, failing);
    await runner.stop();
    t.same(await readToyCounts(database.db, schema), { 'a-0': 5, 'f-0': 10 });
    await appliedOnce(t, database, 15);
  });

  t.test(`${label}: a restarted runner resumes from its checkpoint; a redelivered event changes nothing`, async (t) => {
    const database = await open(t);
    await appendToyEvents(database.store, { streams: 4, perStream: 10, prefix: 'r' });
    const first = database.start([toy], { batchSize: 15 });
    await waitUntilCaughtUp(database, toy);
    await first.stop();

    // Given a runner that stopped, and events that came meanwhile,
    await appendToyEvents(database.store, { streams: 2, perStream: 5, prefix: 'm' });
    // when it starts again,
    const second = database.start([toy], { batchSize: 15 });
    await waitUntilCaughtUp(database, toy);
    await second.stop();
    // then it applied only the new ones.
    await appliedOnce(t, database, 50);
    t.same(await readToyCounts(database.db, schema), await expectedCounts(database));
    const rows = await readToyRows(database.db, schema);

    // Given a checkpoint that went back to the start (every event delivered again),
    await sql`UPDATE projector.projections SET checkpoint_commit = 0, checkpoint_prepare = 0`.execute(database.db);
    const third = database.start([toy], { batchSize: 15 });
    await waitUntilCaughtUp(database, toy);
    await third.stop();
    // then the projection's rows are the same: applying an event twice changes nothing.
    t.same(await readToyRows(database.db, schema), rows, 'the same rows');
    t.equal((await readToyApplications(database.db, schema)).length, 100, 'while the probe saw every event twice');
  });

  t.test(`${label}: a running projector follows the log`, async (t) => {
    const database = await open(t);
    const runner = database.start([toy], { batchSize: 20 });
    await appendToyEvents(database.store, { streams: 2, perStream: 3, prefix: 'x' });
    await waitUntilCaughtUp(database, toy);
    // Given a runner that has caught up, when events keep coming,
    for (let round = 0; round < 3; round += 1) await appendToyEvents(database.store, { streams: 2, perStream: 4, prefix: `y${round}` });
    // then it applies them as they come.
    await waitUntilCaughtUp(database, toy);
    await runner.stop();
    t.same(await readToyCounts(database.db, schema), await expectedCounts(database));
    t.ok(
      runner.progress.some((p) => p.phase === 'following'),
      'applied some batches while following',
    );
    await appliedOnce(t, database, 30);
  });

  t.test(`${label}: a new version builds beside the live one, then takes over; the old runner stops`, async (t) => {
    const database = await open(t);
    const v1 = toyProjection({ version: 1 });
    const v2 = toyProjection({ version: 2 });
    await appendToyEvents(database.store, { streams: 4, perStream: 25, prefix: 'v' });
    const old = database.start([v1], { batchSize: 100 });
    await waitUntilCaughtUp(database, v1);

    // Given v1 live, when a runner with v2 starts (a deployment of new code),
    const next = database.start([v2], { batchSize: 10 });
    await waitFor('v2 to go live', async () => (await readRegistration(database.db, v2))?.state === 'live');

    // then v2 was built in its own schema while v1 stayed live,
    t.ok(
      next.logs.some((entry) => entry.message === 'registered projection toy-counter v2 as building'),
      'v2 starts building',
    );
    t.ok(
      next.progress.some((p) => p.state === 'building') && next.progress.every((p) => p.state === 'building' || p.eventsDone === 100),
      'v2 built all its batches before it went live',
    );
    t.same(await readToyRows(database.db, projectionSchema(v2)), await readToyRows(database.db, projectionSchema(v1)), 'the same rows in both schemas');
    // and the swap retired v1 and recorded a watermark for v2.
    t.equal((await readRegistration(database.db, v1))?.state, 'retired');
    const live = await liveProjection(database.db, 'toy-counter');
    t.same({ schema: live.schema, version: live.version }, { schema: 'toy_counter_v2', version: 2 });
    const lastWatermark = (await watermarks(database)).at(-1);
    t.same({ version: lastWatermark?.version, position: lastWatermark?.position }, { version: 2, position: formatLogPosition(live.checkpoint) });

    // When more events come, v2 applies them and v1's runner stops by itself.
    const v1Checkpoint = (await readRegistration(database.db, v1))?.checkpoint;
    await appendToyEvents(database.store, { streams: 1, perStream: 3, prefix: 'w' });
    await old.done;
    t.ok(
      old.logs.some((entry) => /was retired by a newer version/.test(entry.message)),
      'the v1 runner says why it stopped',
    );
    await waitUntilCaughtUp(database, v2);
    t.same((await readRegistration(database.db, v1))?.checkpoint, v1Checkpoint, 'v1 applied nothing after it was retired');
    t.same(await readToyCounts(database.db, projectionSchema(v2)), await expectedCounts(database));
  });

  t.test(`${label}: asOf resolves a position exactly and an instant through the watermarks`, async (t) => {
    const database = await open(t);
    t.equal(codeOf(await rejection(resolveAsOf(database.db, 'toy-counter', undefined))), 'PROJECTION_NOT_LIVE', 'nothing is live before the projector ran');

    // Given two runs, each one batch (so one watermark each), with a clock that ticks a second per reading,
    const clock = tickingClock(Date.UTC(2024, 5, 1));
    await appendToyEvents(database.store, { streams: 2, perStream: 3, prefix: 'A' });
    let run = database.start([toy], { clock, batchSize: 1_000 });
    await waitUntilCaughtUp(database, toy);
    await run.stop();
    await appendToyEvents(database.store, { streams: 2, perStream: 2, prefix: 'B' });
    run = database.start([toy], { clock, batchSize: 1_000 });
    await waitUntilCaughtUp(database, toy);
    await run.stop();
    const [w1, w2, ...more] = await watermarks(database);
    t.equal(more.length, 0, 'two watermarks');
    if (w1 === undefined || w2 === undefined) return;
    t.ok(w1.observedAt < w2.observedAt, 'observed in order');
    const at = (ms: number) => new Date(ms).toISOString();
    const resolved = async (asOf: string | undefined) => formatLogPosition((await resolveAsOf(database.db, 'toy-counter', asOf)).position);

    // an instant resolves to the newest watermark observed at or before it,
    t.equal(await resolved(at(w1.observedAt.getTime() - 1)), '0:0', 'before the first watermark: the start of the log');
    t.equal(await resolved(at(w1.observedAt.getTime())), w1.position, 'at a watermark: that watermark');
    t.equal(await resolved(at(w1.observedAt.getTime() + 500)), w1.position, 'between two: the earlier one');
    t.equal(await resolved(at(w2.observedAt.getTime() + 86_400_000)), w2.position, 'after the last: the last');
    t.equal(await resolved(at(w1.observedAt.getTime() + 500 + 7_200_000).replace('Z', '+02:00')), w1.position, 'the same instant in another zone');
    // a position is exact, and no asOf is the checkpoint.
    t.equal(await resolved(w1.position), w1.position);
    t.equal(await resolved('0:0'), '0:0');
    t.equal(await resolved(undefined), w2.position);
    const exact = await resolveAsOf(database.db, 'toy-counter', w1.position);
    t.same(exact, { schema, position: exact.position, positionKey: positionKey(exact.position) });

    // The rows valid at the first watermark are what was answered then.
    const countsThen = { 'A-0': 3, 'A-1': 3 };
    t.same(await readToyCounts(database.db, schema, exact.positionKey), countsThen);
    t.same(await readToyCounts(database.db, schema, '0'), {}, 'nothing at the start of the log');

    // Refused: a position past the checkpoint, an instant that has not passed, and anything else.
    const past = formatLogPosition({ commit: database.lastAppended().commit + 1n, prepare: 0n });
    t.equal(codeOf(await rejection(resolveAsOf(database.db, 'toy-counter', past))), 'AS_OF_NOT_YET_PROJECTED', 'a position past the checkpoint');
    t.equal(codeOf(await rejection(resolveAsOf(database.db, 'toy-counter', at(Date.now() + 3_600_000)))), 'AS_OF_NOT_YET_PROJECTED', 'an instant to come');
    t.equal(
      codeOf(await rejection(resolveAsOf(database.db, 'toy-counter', at(w2.observedAt.getTime()), { clock: () => w2.observedAt }))),
      'AS_OF_NOT_YET_PROJECTED',
      'an instant that is now, by the given clock',
    );
    for (const bad of ['yesterday', '2024-06-01', '1:2:3']) {
      t.equal(codeOf(await rejection(resolveAsOf(database.db, 'toy-counter', bad))), 'INVALID_AS_OF', JSON.stringify(bad));
    }
    t.equal(codeOf(await rejection(resolveAsOf(database.db, 'no-such-projection', undefined))), 'PROJECTION_NOT_LIVE');

    // When later events are applied, the old answers do not change.
    await appendToyEvents(database.store, { streams: 1, perStream: 4, prefix: 'C' });
    run = database.start([toy], { clock, batchSize: 1_000 });
    await waitUntilCaughtUp(database, toy);
    await run.stop();
    t.equal(await resolved(at(w1.observedAt.getTime() + 500)), w1.position, 'the same instant, the same position');
    t.same(await readToyCounts(database.db, schema, exact.positionKey), countsThen, 'the same rows at it');
  });

  t.test(`${label}: one active runner per projection version; the other takes over when it stops`, async (t) => {
    const database = await open(t);
    const other = await database.secondClient();
    await appendToyEvents(database.store, { streams: 5, perStream: 40, prefix: 'l' });
    // Given two runners of the same version started together (two processes on PostgreSQL),
    const a = database.start([toyProjection({ runner: 'A' })], { batchSize: 10 });
    const b = database.start([toyProjection({ runner: 'B' })], { batchSize: 10, client: other });
    await waitUntilCaughtUp(database, toy);
    // then only one applied,
    const applied = await readToyApplications(database.db, schema);
    const runners = new Set(applied.map((row) => row.runner));
    t.equal(runners.size, 1, `only runner ${[...runners].join()} applied`);
    await appliedOnce(t, database, 200);
    const [winner, loser] = runners.has('A') ? [a, b] : [b, a];
    t.ok(
      loser.logs.some((entry) => /waiting for its lock/.test(entry.message)),
      'the other waits for the lock',
    );

    // and when it stops, the other takes over from the checkpoint.
    await winner.stop();
    await appendToyEvents(database.store, { streams: 2, perStream: 10, prefix: 'k' });
    await waitUntilCaughtUp(database, toy);
    await loser.stop();
    await appliedOnce(t, database, 220);
    t.equal(new Set((await readToyApplications(database.db, schema)).map((row) => row.runner)).size, 2, 'the second runner applied the rest');

    // The result is what one runner alone builds.
    const alone = await rebuildProjection({
      store: database.store,
      sql: database.sql,
      projection: toyProjection({ version: 2 }),
      clock: tickingClock(),
      signal: new AbortController().signal,
    });
    t.ok(alone.completed);
    t.same(await readToyRows(database.db, schema), await readToyRows(database.db, alone.schema), 'the same rows as a single runner');
  });

  t.test(`${label}: a rebuild starts from zero, reports its progress, and goes live again`, async (t) => {
    const database = await open(t);
    await appendToyEvents(database.store, { streams: 5, perStream: 30, ignoredEvery: 3, prefix: 'b' });
    const runner = database.start([toy]);
    await waitUntilCaughtUp(database, toy);

    // Given a runner applying the version, a rebuild refuses to fight it.
    const busy = await rejection(
      rebuildProjection({ store: database.store, sql: database.sql, projection: toy, clock: tickingClock(), signal: new AbortController().signal }),
    );
    t.equal(codeOf(busy), 'PROJECTION_BUSY');
    await runner.stop();
    const rowsBefore = await readToyRows(database.db, schema);

    // When a rebuild is stopped after its first batch,
    const stop = new AbortController();
    const stopped = await rebuildProjection({
      store: database.store,
      sql: database.sql,
      projection: toy,
      clock: tickingClock(),
      signal: stop.signal,
      batchSize: 40,
      onProgress: () => stop.abort(),
    });
    // then it says so, and queries are refused rather than answered from a half-built model.
    t.same({ completed: stopped.completed, live: stopped.live, eventsRead: stopped.eventsRead }, { completed: false, live: false, eventsRead: 40 });
    t.equal(codeOf(await rejection(resolveAsOf(database.db, 'toy-counter', undefined))), 'PROJECTION_NOT_LIVE');

    // When it runs to the end,
    const progress: Array<{ done: number; total: number }> = [];
    const result = await rebuildProjection({
      store: database.store,
      sql: database.sql,
      projection: toy,
      clock: tickingClock(),
      signal: new AbortController().signal,
      batchSize: 40,
      onProgress: (p) => progress.push({ done: p.eventsDone, total: p.eventsTotal }),
    });
    // then it rebuilt the same rows from zero, and is live again at the head.
    t.same(
      { completed: result.completed, live: result.live, eventsRead: result.eventsRead, eventsApplied: result.eventsApplied },
      { completed: true, live: true, eventsRead: 150, eventsApplied: 100 },
    );
    t.same(await readToyRows(database.db, schema), rowsBefore);
    await appliedOnce(t, database, 100);
    t.same((await readRegistration(database.db, toy))?.checkpoint, database.lastAppended());
    t.same(
      progress.map((p) => p.done),
      [40, 80, 120, 150],
      'progress after every batch',
    );
    t.ok(
      progress.every((p) => p.total >= p.done),
      'the estimated total is never below what is done',
    );
    t.same(progress.at(-1), { done: 150, total: 150 }, 'done when done');
  });

  t.test(`${label}: when one projection rebuilt together fails on an event, the rebuild names it and the others stop without going live`, async (t) => {
    const database = await open(t);
    await appendToyEvents(database.store, { streams: 4, perStream: 25, ignoredEvery: 4, prefix: 'f' });
    const failing = toyProjection({ name: 'toy-fails' });
    const poisoned: Projection = {
      ...failing,
      apply: async (trx, schemaName, events, context) => {
        // Stream f-2's event 5 is the log's 25th, in the third page of 10: the healthy projection runs ahead
        // meanwhile, as far as the pages read ahead go, and must not wait there for ever.
        if (events.some((event) => event.streamName === 'f-2' && event.streamVersion === 5)) throw new Error('poisoned event');
        return failing.apply(trx, schemaName, events, context);
      },
    };
    const healthy = toyProjection({ name: 'toy-healthy' });
    const error = await rejection(
      rebuildProjections({
        store: database.store,
        sql: database.sql,
        projections: [healthy, poisoned],
        clock: tickingClock(),
        signal: new AbortController().signal,
        batchSize: 10,
      }),
    );
    t.ok(error instanceof ProjectionApplyError, 'the failure names its event');
    t.match((error as ProjectionApplyError).event, { streamName: 'f-2', streamVersion: 5 });
    for (const projection of [healthy, failing]) {
      const registration = await readRegistration(database.db, projection);
      t.equal(registration?.state, 'building', `${projection.name} did not go live`);
    }
    t.ok((await readToyRows(database.db, 'toy_fails_v1')).length > 0, 'what the failing one committed before the event stays, with its checkpoint');
  });

  t.test(
    `${label}: projections rebuilt together read the log once, each gets the rows it gets alone, and apply() carries memory only from the log's start`,
    async (t) => {
      const database = await open(t);
      await appendToyEvents(database.store, { streams: 4, perStream: 25, ignoredEvery: 4, prefix: 't' });
      // A toy that notes the memory the runner hands it with each batch.
      const carriedSeen: Array<Map<string, unknown> | undefined> = [];
      const fromEmptySeen: Array<boolean | undefined> = [];
      const noting = (projection: Projection): Projection => ({
        ...projection,
        apply: (trx, schemaName, events, context) => {
          carriedSeen.push(context?.carried);
          fromEmptySeen.push(context?.fromEmpty);
          return projection.apply(trx, schemaName, events, context);
        },
      });
      let reads = 0;
      const store = { ...database.store, readAll: (options?: Parameters<typeof database.store.readAll>[0]) => ((reads += 1), database.store.readAll(options)) };

      // When two projections are rebuilt together, in pages of 30 of the 100 events,
      const together = await rebuildProjections({
        store,
        sql: database.sql,
        projections: [toyProjection({ name: 'toy-a' }), noting(toyProjection({ name: 'toy-b' }))],
        clock: tickingClock(),
        signal: new AbortController().signal,
        batchSize: 30,
      });
      // then the log was read once, page by page, for both,
      t.equal(reads, 4, '30 + 30 + 30 + 10: one read per page');
      t.same(
        together.map((r) => [r.schema, r.completed, r.live, r.eventsRead]),
        [
          ['toy_a_v1', true, true, 100],
          ['toy_b_v1', true, true, 100],
        ],
      );
      // each holds what a rebuild of its own builds,
      const alone = await rebuildProjection({
        store: database.store,
        sql: database.sql,
        projection: toyProjection({ name: 'toy-alone' }),
        clock: tickingClock(),
        signal: new AbortController().signal,
      });
      t.same(await readToyRows(database.db, 'toy_a_v1'), await readToyRows(database.db, alone.schema));
      t.same(await readToyRows(database.db, 'toy_b_v1'), await readToyRows(database.db, alone.schema));
      // and every batch of the rebuild got the same carried memory.
      t.equal(carriedSeen.length, 4);
      t.ok(carriedSeen[0] instanceof Map && carriedSeen.every((carried) => carried === carriedSeen[0]), 'one memory, batch after batch');
      t.same(fromEmptySeen, [true, true, true, true], 'and each batch may load its tables from empty');

      // When a rebuild stops after its first batch and a runner resumes it from its checkpoint,
      carriedSeen.length = 0;
      fromEmptySeen.length = 0;
      const resumed = noting(toyProjection({ name: 'toy-c' }));
      const stop = new AbortController();
      await rebuildProjection({
        store: database.store,
        sql: database.sql,
        projection: resumed,
        clock: tickingClock(),
        signal: stop.signal,
        batchSize: 30,
        onProgress: () => stop.abort(),
      });
      const runner = database.start([resumed]);
      await waitUntilCaughtUp(database, resumed);
      await runner.stop();
      // then the resumed batches get no memory: it would not know the first batch.
      t.ok(carriedSeen.length >= 2, 'applied before and after the stop');
      t.ok(carriedSeen[0] instanceof Map, 'from the start, a memory');
      t.ok(
        carriedSeen.slice(1).every((carried) => carried === undefined),
        'from a checkpoint, none',
      );
      t.same(fromEmptySeen, [true, ...fromEmptySeen.slice(1).map(() => false)], 'nor loading from empty: its tables hold the first batch');
      t.same(await readToyRows(database.db, 'toy_c_v1'), await readToyRows(database.db, alone.schema));
    },
  );
}
