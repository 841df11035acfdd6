import { randomUUID } from 'node:crypto';
import t from 'tap';
import { createPostgresClient } from '@semaforo/sql';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import { GENESIS_HASH, computeEventHash, verifyStreamChain } from '../hash-chain.js';
import { compareLogPositions, LOG_START } from '../log-position.js';
import { openEventStore } from '../open-event-store.js';
import { createSqlEventStore } from '../sql-event-store.js';
import type { EventStore, RecordedEvent } from '../event-store.js';
import type { LogPosition } from '../log-position.js';
import { eventStoreContract } from '../testing/event-store-contract.js';
import { multiStreamAppendContract } from '../testing/multi-stream-append-contract.js';

// Fails the file when CI is set and PostgreSQL is unreachable; elsewhere skips it loudly.
if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  // openEventStore runs the migration; its pool is shared by the stores of the contract's tests.
  const { store: owner, sql } = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
  t.teardown(async () => {
    await owner.close();
    await database.drop();
  });

  void eventStoreContract(t, async () => ({ store: createSqlEventStore(sql), cleanup: async () => undefined }), 'EventStore contract on PostgreSQL');
  void multiStreamAppendContract(t, async () => ({ store: createSqlEventStore(sql), cleanup: async () => undefined }), 'multi-stream append on PostgreSQL');

  t.test('a transaction that commits late is not skipped by readAll', async (t) => {
    const store = createSqlEventStore(sql);
    const metadata = {
      actor: { id: 'writer' },
      source: 'cli' as const,
      requestId: 'r',
      correlationId: 'c',
      causationId: 'c',
      recordedAt: '2024-01-01T00:00:00.000Z',
    };
    // Given a reader that has read everything so far,
    const readerPosition = (await store.headPosition()) ?? LOG_START;

    // when a slow transaction inserts an event (drawing the LOWER global_position) and does not commit yet,
    const slowStream = `late-${randomUUID()}`;
    const slowEventId = randomUUID();
    const slowHash = computeEventHash(GENESIS_HASH, {
      streamName: slowStream,
      streamVersion: 1,
      eventId: slowEventId,
      type: 'Slow',
      data: {},
      metadata,
    });
    const slow = createPostgresClient({ connectionString: database.connectionString, max: 1 });
    t.teardown(() => slow.close());
    const conn = await slow.connect();
    await conn.query('BEGIN');
    const inserted = await conn.query<{ prepare: string }>(
      `INSERT INTO events (stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash)
       VALUES ($1, 1, $2, 'Slow', '{}', $3::jsonb, $4, $5) RETURNING global_position::text AS prepare`,
      [slowStream, slowEventId, JSON.stringify(metadata), slowHash, GENESIS_HASH],
    );
    const slowPosition = BigInt(inserted.rows[0]!.prepare);

    // and a fast append through the store commits first (with the HIGHER global_position),
    const fastStream = `fast-${randomUUID()}`;
    const fast = await store.appendToStream(fastStream, [{ eventId: randomUUID(), type: 'Fast', data: {}, metadata }], { expectedVersion: 0 });
    t.ok(fast.position.prepare > slowPosition, 'the committed event has the higher sequence number');

    // then readAll holds the fast event back while the slow one may still commit,
    t.same(await store.readAll({ after: readerPosition }), [], 'nothing is readable past the open transaction');
    t.ok(compareLogPositions((await store.headPosition()) ?? LOG_START, fast.position) < 0, 'nor is the head');
    t.same(await store.latestPosition(), fast.position, 'the latest is the committed append: what a reader of its own write waits for');
    // whereas a naive reader ordered by global_position alone already sees it and moves its cursor past the slow one.
    const naive = await sql.query<{ prepare: string }>(
      'SELECT global_position::text AS prepare FROM events WHERE global_position > $1::bigint ORDER BY global_position',
      [readerPosition.prepare.toString()],
    );
    t.same(
      naive.rows.map((r) => BigInt(r.prepare)),
      [fast.position.prepare],
    );
    const naiveCursor = fast.position.prepare;

    // When the slow transaction commits,
    await conn.query('COMMIT');
    conn.release();

    // readAll from the reader's position returns both, in (transaction id, position) order,
    const afterCommit = await readAllOnceSettled(store, readerPosition, 2);
    t.same(
      afterCommit.map((e) => e.streamName),
      [slowStream, fastStream],
    );
    t.equal(afterCommit[0]!.position.prepare, slowPosition);
    t.same(afterCommit[1]!.position, fast.position);
    // while the naive reader, resuming after its cursor, has skipped the slow event for good.
    const naiveResumed = await sql.query('SELECT global_position FROM events WHERE global_position > $1::bigint', [naiveCursor.toString()]);
    t.equal(naiveResumed.rowCount, 0, 'the naive reader never sees the late commit');
  });

  t.test('a transaction that took its id first but inserted last is read first, and paging does not skip it', async (t) => {
    const store = createSqlEventStore(sql);
    const metadata = {
      actor: { id: 'writer' },
      source: 'cli' as const,
      requestId: 'r',
      correlationId: 'c',
      causationId: 'c',
      recordedAt: '2024-01-01T00:00:00.000Z',
    };
    const readerPosition = (await store.headPosition()) ?? LOG_START;
    // Given a transaction that already holds a transaction id (it wrote something else first),
    const early = createPostgresClient({ connectionString: database.connectionString, max: 1 });
    t.teardown(() => early.close());
    const conn = await early.connect();
    await conn.query('BEGIN');
    await conn.query('SELECT pg_current_xact_id()');
    // when a later transaction appends and commits,
    const laterStream = `later-${randomUUID()}`;
    const later = await store.appendToStream(laterStream, [{ eventId: randomUUID(), type: 'Later', data: {}, metadata }], { expectedVersion: 0 });
    // and only then the early transaction inserts (drawing the HIGHER global_position) and commits,
    const earlyStream = `early-${randomUUID()}`;
    const earlyEventId = randomUUID();
    await conn.query(
      `INSERT INTO events (stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash)
       VALUES ($1, 1, $2, 'Early', '{}', $3::jsonb, $4, $5)`,
      [
        earlyStream,
        earlyEventId,
        JSON.stringify(metadata),
        computeEventHash(GENESIS_HASH, { streamName: earlyStream, streamVersion: 1, eventId: earlyEventId, type: 'Early', data: {}, metadata }),
        GENESIS_HASH,
      ],
    );
    await conn.query('COMMIT');
    conn.release();

    // then the log reads the early transaction first, though its sequence number is higher,
    const log = await readAllOnceSettled(store, readerPosition, 2);
    t.same(
      log.map((e) => e.streamName),
      [earlyStream, laterStream],
    );
    t.ok(log[0]!.position.prepare > later.position.prepare, 'the first event in log order has the higher sequence number');
    // and a reader paging one event at a time gets both.
    const firstPage = await store.readAll({ after: readerPosition, limit: 1 });
    const secondPage = await store.readAll({ after: firstPage[0]!.position, limit: 1 });
    t.same(
      [...firstPage, ...secondPage].map((e) => e.streamName),
      [earlyStream, laterStream],
    );
  });

  t.test('an event with a wrong hash in the database is caught by the chain and by the next append', async (t) => {
    const store = createSqlEventStore(sql);
    const stream = `forged-${randomUUID()}`;
    const metadata = {
      actor: { id: 'writer' },
      source: 'api' as const,
      requestId: 'r',
      correlationId: 'c',
      causationId: 'c',
      recordedAt: '2024-01-01T00:00:00.000Z',
    };
    // Given an event written behind the store's back with a hash that does not match its content,
    await sql.query(
      `INSERT INTO events (stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash)
       VALUES ($1, 1, $2, 'Forged', '{"value": 1}', $3::jsonb, $4, $5)`,
      [stream, randomUUID(), JSON.stringify(metadata), 'a'.repeat(64), GENESIS_HASH],
    );
    const { events } = await store.readStream(stream);
    t.match(verifyStreamChain(events), { valid: false, streamVersion: 1, problem: 'hash-mismatch' });
    // an append still chains to the stored hash (the chain records what was there).
    const next = await store.appendToStream(stream, [{ eventId: randomUUID(), type: 'Next', data: {}, metadata }], { expectedVersion: 1 });
    t.equal(next.nextExpectedVersion, 2);
    t.equal((await store.readStream(stream, { afterVersion: 1 })).events[0]!.previousHash, 'a'.repeat(64));
  });
}

/**
 * readAll once `count` events are readable. Other test files share this
 * cluster, and any transaction of theirs older than ours holds the readable
 * log back (xids are cluster-wide) until it ends: wait for it, bounded.
 */
async function readAllOnceSettled(store: EventStore, after: LogPosition, count: number): Promise<readonly RecordedEvent[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const events = await store.readAll({ after });
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
