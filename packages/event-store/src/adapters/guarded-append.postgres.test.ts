import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { createPostgresClient, type SqlClient } from '@semaforo/sql';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import { ConcurrencyError } from '../errors.js';
import type { EventMetadata } from '../event-store.js';
import { GENESIS_HASH, computeEventHash } from '../hash-chain.js';
import { compareLogPositions } from '../log-position.js';
import { openEventStore } from '../open-event-store.js';
import { createSqlEventStore } from '../sql-event-store.js';
import { guardedAppendContract } from '../testing/guarded-append-contract.js';

const metadata: EventMetadata = {
  actor: { id: 'writer' },
  source: 'cli',
  requestId: 'r',
  correlationId: 'c',
  causationId: 'c',
  recordedAt: '2024-01-01T00:00:00.000Z',
};

/** One event's INSERT in the shape the store writes it, for a session driven by hand. */
const insertFirstEvent = (stream: string, type: string, condition: string): { text: string; params: string[] } => {
  const eventId = randomUUID();
  const hash = computeEventHash(GENESIS_HASH, { streamName: stream, streamVersion: 1, eventId, type, data: {}, metadata });
  return {
    text: `INSERT INTO events (stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash)
           SELECT $1, 1, $2::uuid, $3, '{}', $4::jsonb, $5, $6 WHERE ${condition}`,
    params: [stream, eventId, type, JSON.stringify(metadata), hash, GENESIS_HASH],
  };
};

/** Resolves once some session of this database waits for an advisory lock (the append under test is blocked). */
async function someoneWaitsOnAnAdvisoryLock(sql: SqlClient): Promise<void> {
  for (let i = 0; i < 3_000; i++) {
    const { rows } = await sql.query<{ waiting: string }>(
      `SELECT count(*)::text AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    );
    if (rows[0]!.waiting !== '0') return;
    await sleep(10);
  }
  throw new Error('no session ever waited for the advisory lock');
}

if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  const { store: owner, sql } = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
  const manual = createPostgresClient({ connectionString: database.connectionString, max: 1 });
  t.teardown(async () => {
    await manual.close();
    await owner.close();
    await database.drop();
  });

  void guardedAppendContract(t, async () => ({ store: createSqlEventStore(sql), cleanup: async () => undefined }), 'guarded and fenced appends on PostgreSQL');

  t.test('a guarded append that waited for a fenced one to commit sees it, though its statement started before the commit', async (t) => {
    const store = createSqlEventStore(sql);
    const guard = `signoff-${randomUUID()}`;
    const guarded = `indicator-${randomUUID()}`;
    // Given a fenced append of the guard stream that has inserted but not committed yet,
    const conn = await manual.connect();
    await conn.query('BEGIN');
    const fenced = insertFirstEvent(guard, 'Approved', `event_store_fence($1)`);
    t.equal((await conn.query(fenced.text, fenced.params)).rowCount, 1);
    // when a guarded append decided on the guard stream's version 0 runs (and waits for the fence),
    const attempt = store.appendToStream(guarded, [{ eventId: randomUUID(), type: 'ResultReported', data: {}, metadata }], {
      expectedVersion: 0,
      guards: [{ streamName: guard, version: 0 }],
    });
    const outcome = attempt.then(
      () => null,
      (error: unknown) => error,
    );
    await someoneWaitsOnAnAdvisoryLock(sql);
    // and the fenced append commits,
    await conn.query('COMMIT');
    conn.release();
    // then the guarded append is refused on the guard stream, and nothing of it is in the log.
    const error = await outcome;
    t.ok(error instanceof ConcurrencyError, 'ConcurrencyError');
    t.equal((error as ConcurrencyError).streamName, guard);
    t.equal((await store.readStream(guarded)).version, 0);
  });

  t.test('a guarded multi-stream append that waited for a fenced one to commit sees it, and appends to none of its streams', async (t) => {
    const store = createSqlEventStore(sql);
    const guard = `signoff-${randomUUID()}`;
    const guarded = [`indicator-${randomUUID()}`, `indicator-${randomUUID()}`];
    // Given a fenced append of the guard stream that has inserted but not committed yet,
    const conn = await manual.connect();
    await conn.query('BEGIN');
    const fenced = insertFirstEvent(guard, 'Approved', `event_store_fence($1)`);
    t.equal((await conn.query(fenced.text, fenced.params)).rowCount, 1);
    // when a multi-stream append guarded on the guard stream's version 0 runs (and waits for the fence),
    const outcome = store
      .appendToStreams(
        guarded.map((streamName) => ({
          streamName,
          events: [{ eventId: randomUUID(), type: 'ResultReported', data: {}, metadata }],
          expectedVersion: 0,
        })),
        { guards: [{ streamName: guard, version: 0 }] },
      )
      .then(
        () => null,
        (error: unknown) => error,
      );
    await someoneWaitsOnAnAdvisoryLock(sql);
    // and the fenced append commits,
    await conn.query('COMMIT');
    conn.release();
    // then the multi-stream append is refused on the guard stream, and nothing of it is in the log.
    const error = await outcome;
    t.ok(error instanceof ConcurrencyError, 'ConcurrencyError');
    t.equal((error as ConcurrencyError).streamName, guard);
    for (const streamName of guarded) t.equal((await store.readStream(streamName)).version, 0);
  });

  t.test('a fenced append waits for a guarded one that checked first, and lands after it in the log', async (t) => {
    const store = createSqlEventStore(sql);
    const guard = `signoff-${randomUUID()}`;
    const guarded = `indicator-${randomUUID()}`;
    // Given a guarded append that passed its guard and inserted, not committed yet,
    const conn = await manual.connect();
    await conn.query('BEGIN');
    const write = insertFirstEvent(guarded, 'ResultReported', `event_store_guard('${guard}', 0)`);
    t.equal((await conn.query(write.text, write.params)).rowCount, 1, 'the guard passed');
    // when a fenced append of the guard stream runs (and waits),
    const approval = store.appendToStream(guard, [{ eventId: randomUUID(), type: 'Approved', data: {}, metadata }], { expectedVersion: 0, fence: true });
    await someoneWaitsOnAnAdvisoryLock(sql);
    // and the guarded one commits,
    await conn.query('COMMIT');
    conn.release();
    // then the fenced append lands, after the guarded write in log order.
    const approved = await approval;
    const [written] = (await store.readStream(guarded)).events;
    t.ok(written !== undefined);
    t.ok(compareLogPositions(written!.position, approved.position) < 0, 'the write is before the approval');
  });
}
