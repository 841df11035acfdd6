import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { SqlError, SqlUnavailableError, isUniqueViolation, type SqlClient, type SqlParameter } from '@semaforo/sql';
import { canonicalJson } from '@semaforo/canonical-json';
import { ConcurrencyError, EventStoreError, StoreUnavailableError } from './errors.js';
import { MAX_STREAM_VERSION, assertAppendShape, assertEventIdentity, assertGuards, assertStorable } from './append-rules.js';
import type {
  AppendGuard,
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  EventToAppend,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
  MultiStreamAppender,
  MultiStreamAppendOptions,
  StreamAppend,
  StreamRead,
} from './event-store.js';
import { GENESIS_HASH, computeEventHashFromCanonical } from './hash-chain.js';
import { LOG_START, type LogPosition } from './log-position.js';

/*
 * One set of statements for PostgreSQL and PGlite. Conventions of
 * @semaforo/sql: bigint and xid8 leave the database as text (`::text`) and
 * become BigInt here; jsonb arrives parsed.
 */

const EVENT_COLUMNS = `transaction_id::text AS commit, global_position::text AS prepare, stream_name, stream_version,
  event_id::text AS event_id, type, data, metadata, hash, previous_hash`;

/*
 * The whole append in ONE statement and one round trip, in autocommit: no
 * BEGIN, no SELECT ... FOR UPDATE, no COMMIT. Optimistic concurrency comes
 * from the constraints:
 * - UNIQUE (stream_name, stream_version): if the stream already has version
 *   expected + 1 (we are stale, or a concurrent writer got there first), the
 *   insert fails with a unique violation and inserts nothing.
 * - The WHERE clause: when expecting version N > 0, event N must exist with the
 *   hash we chained to, otherwise no row is inserted (the stream is behind what
 *   we expected, or our cached hash is wrong). Version 1 needs no predecessor.
 * A multi-row INSERT is atomic, so either every event is appended or none.
 */
const APPEND = `INSERT INTO events (stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash)
SELECT $1::text, e.stream_version, e.event_id, e.type, e.data, e.metadata, e.hash, e.previous_hash
FROM unnest($2::int[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[], $8::text[])
  AS e(stream_version, event_id, type, data, metadata, hash, previous_hash)
WHERE $9::int = 0
   OR EXISTS (SELECT 1 FROM events p WHERE p.stream_name = $1::text AND p.stream_version = $9::int AND p.hash = $10::text)
ORDER BY e.stream_version
RETURNING transaction_id::text AS commit, global_position::text AS prepare`;

const appendWith = (
  guards: number,
  fence: boolean,
): string => `INSERT INTO events (stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash)
SELECT $1::text, e.stream_version, e.event_id, e.type, e.data, e.metadata, e.hash, e.previous_hash
FROM unnest($2::int[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[], $8::text[])
  AS e(stream_version, event_id, type, data, metadata, hash, previous_hash)
WHERE ($9::int = 0
   OR EXISTS (SELECT 1 FROM events p WHERE p.stream_name = $1::text AND p.stream_version = $9::int AND p.hash = $10::text))
  AND ${conditions(11, guards, fence)}
ORDER BY e.stream_version
RETURNING transaction_id::text AS commit, global_position::text AS prepare`;

/*
 * The same append for the common case, one event (every command of the
 * product decides at most one): plain parameters instead of arrays, so
 * neither the driver nor the server builds, escapes and unnests arrays, and
 * no sort. Measured by the bench's `append` figure: about a fifth less CPU per
 * command, client and server together. The predecessor's hash is the event's
 * own previous_hash ($8).
 */
const APPEND_ONE = `INSERT INTO events (stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash)
SELECT $1::text, $2::int, $3::uuid, $4::text, $5::jsonb, $6::jsonb, $7::text, $8::text
WHERE $2::int = 1
   OR EXISTS (SELECT 1 FROM events p WHERE p.stream_name = $1::text AND p.stream_version = $2::int - 1 AND p.hash = $8::text)
RETURNING transaction_id::text AS commit, global_position::text AS prepare`;

/*
 * Guarded and fenced appends (`AppendOptions`): the same single autocommit
 * statements, with the conditions of migration 2's functions in the WHERE.
 * They reference no column, so they are evaluated once, before any row is
 * inserted, and the advisory locks they take last until the statement's
 * transaction commits. A guarded append either checks its guard stream
 * before a fenced append of it takes its lock (and then commits first: the
 * fence waits for the shared lock) or after that append committed (and then
 * sees its event). The unguarded statements above stay as they are: the
 * common write pays nothing for this.
 */
const conditions = (firstParameter: number, guards: number, fence: boolean): string => {
  const parts: string[] = [];
  let next = firstParameter;
  if (fence) parts.push(`event_store_fence($${next++}::text)`);
  for (let i = 0; i < guards; i++, next += 2) parts.push(`event_store_guard($${next}::text, $${next + 1}::int)`);
  return parts.join(' AND ');
};

const appendOneWith = (
  guards: number,
  fence: boolean,
): string => `INSERT INTO events (stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash)
SELECT $1::text, $2::int, $3::uuid, $4::text, $5::jsonb, $6::jsonb, $7::text, $8::text
WHERE ($2::int = 1
   OR EXISTS (SELECT 1 FROM events p WHERE p.stream_name = $1::text AND p.stream_version = $2::int - 1 AND p.hash = $8::text))
  AND ${conditions(9, guards, fence)}
RETURNING transaction_id::text AS commit, global_position::text AS prepare`;

/*
 * Many streams in one statement, for bulk writes. The same guarantees as
 * APPEND, stream by stream: UNIQUE (stream_name, stream_version) refuses a
 * stream that moved on, and the uncorrelated NOT EXISTS (evaluated once)
 * inserts nothing unless every stream expecting version N > 0 has event N
 * with the hash we chained to. One multi-row INSERT: all or nothing.
 *
 * The rows travel as ONE JSON document ($1), not as arrays: data and
 * metadata are already JSON text and go in as they are, the server parses
 * the document once, and nobody escapes them into array literals. Measured
 * on 2,000-event batches: ~30 µs per row against ~47 through unnest() of
 * arrays, close to COPY (~28). The result is one row per stream: the
 * position of its last event (one statement is one transaction, so one
 * transaction_id).
 */
const APPEND_MANY = `WITH appended AS (
  INSERT INTO events (stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash)
  SELECT e.s, e.v, e.i, e.t, e.d, e.m, e.h, e.p
  FROM jsonb_to_recordset($1::jsonb) AS e(o int, s text, v int, i uuid, t text, d jsonb, m jsonb, h text, p text)
  WHERE NOT EXISTS (
    SELECT 1 FROM unnest($2::text[], $3::int[], $4::text[]) AS x(stream_name, version, hash)
    WHERE NOT EXISTS (SELECT 1 FROM events p WHERE p.stream_name = x.stream_name AND p.stream_version = x.version AND p.hash = x.hash)
  )
  ORDER BY e.o
  RETURNING stream_name, transaction_id, global_position
)
SELECT stream_name, max(transaction_id::text) AS commit, max(global_position)::text AS prepare FROM appended GROUP BY stream_name`;

/*
 * APPEND_MANY with guards and fences: migration 2's functions over arrays
 * ($5/$6 the guards, $7 the fenced streams, each sorted by name so two calls
 * take their locks in the same order). Inside an uncorrelated scalar
 * subquery, so they run once per statement (an InitPlan) before any row is
 * inserted, not once per row as a volatile condition in the WHERE would;
 * the locks last until the statement commits, exactly as for one stream.
 */
const APPEND_MANY_CONDITIONED = `WITH appended AS (
  INSERT INTO events (stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash)
  SELECT e.s, e.v, e.i, e.t, e.d, e.m, e.h, e.p
  FROM jsonb_to_recordset($1::jsonb) AS e(o int, s text, v int, i uuid, t text, d jsonb, m jsonb, h text, p text)
  WHERE NOT EXISTS (
    SELECT 1 FROM unnest($2::text[], $3::int[], $4::text[]) AS x(stream_name, version, hash)
    WHERE NOT EXISTS (SELECT 1 FROM events p WHERE p.stream_name = x.stream_name AND p.stream_version = x.version AND p.hash = x.hash)
  )
  AND (SELECT coalesce(bool_and(event_store_fence(f.stream_name)), true) FROM unnest($7::text[]) AS f(stream_name))
  AND (SELECT coalesce(bool_and(event_store_guard(g.stream_name, g.version)), true) FROM unnest($5::text[], $6::int[]) AS g(stream_name, version))
  ORDER BY e.o
  RETURNING stream_name, transaction_id, global_position
)
SELECT stream_name, max(transaction_id::text) AS commit, max(global_position)::text AS prepare FROM appended GROUP BY stream_name`;

const STREAM_HEADS = `SELECT DISTINCT ON (stream_name) stream_name, stream_version, hash FROM events
WHERE stream_name = ANY($1::text[]) ORDER BY stream_name, stream_version DESC`;

const STREAM_HEAD = `SELECT stream_version, hash FROM events WHERE stream_name = $1::text ORDER BY stream_version DESC LIMIT 1`;

const READ_STREAM = `SELECT ${EVENT_COLUMNS} FROM events
WHERE stream_name = $1::text AND stream_version > $2::int ORDER BY stream_version`;

/*
 * A catch-up read (afterVersion > 0) also returns the event AT afterVersion:
 * when nothing came after it (a writer's "anything new since my cache?",
 * which the API asks after every write), that row still tells the stream's
 * version, without a second round trip for the head.
 */
const READ_STREAM_FROM = `SELECT ${EVENT_COLUMNS} FROM events
WHERE stream_name = $1::text AND stream_version >= $2::int ORDER BY stream_version`;

/*
 * Many streams in one query, each from its own version: as READ_STREAM_FROM,
 * the event AT a version > 0 comes too, so a stream with nothing new still
 * tells where it is.
 */
const READ_STREAMS = `SELECT ${EVENT_COLUMNS} FROM events e
JOIN unnest($1::text[], $2::int[]) AS r(read_stream, after_version)
  ON e.stream_name = r.read_stream AND e.stream_version >= r.after_version
ORDER BY e.stream_name, e.stream_version`;

const EVENTS_BY_ID = `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY stream_name, stream_version`;

/*
 * Reading the log in order without ever skipping a late commit (the approach
 * of Emmett's PostgreSQL store).
 *
 * global_position comes from a sequence, drawn when a row is inserted, not
 * when its transaction commits. Transaction A can draw 10, transaction B draw
 * 11 and commit first: a reader that saw 11 and then asks for "> 11" never
 * sees 10. So the log is ordered by (transaction_id, global_position) and a
 * reader only gets rows whose transaction_id is below the xmin of its
 * snapshot: every transaction below xmin has finished (committed or aborted),
 * and any transaction still running or not yet started has an id >= xmin, so
 * it can only add rows that sort AFTER everything returned. A reader that
 * resumes after the last position it saw therefore misses nothing.
 *
 * The cost: while any transaction of the cluster that holds an xid stays
 * open, rows of later transactions wait for it (keep transactions short; a
 * forgotten prepared transaction stalls readers until resolved).
 */
const READ_ALL = `SELECT ${EVENT_COLUMNS} FROM events
WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  AND (transaction_id, global_position) > ($1::xid8, $2::bigint)
ORDER BY transaction_id, global_position
LIMIT $3::int`;

const HEAD_POSITION = `SELECT transaction_id::text AS commit, global_position::text AS prepare FROM events
WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY transaction_id DESC, global_position DESC
LIMIT 1`;

const LATEST_POSITION = `SELECT transaction_id::text AS commit, global_position::text AS prepare FROM events
ORDER BY transaction_id DESC, global_position DESC
LIMIT 1`;

interface EventRow {
  commit: string;
  prepare: string;
  stream_name: string;
  stream_version: number;
  event_id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  hash: string;
  previous_hash: string;
}

interface PositionRow {
  commit: string;
  prepare: string;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamName: row.stream_name,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    position: toPosition(row),
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

function toPosition(row: PositionRow): LogPosition {
  return { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
}

/** In our terms, whatever @semaforo/sql threw. */
function storeError(error: unknown): unknown {
  if (error instanceof SqlUnavailableError) return new StoreUnavailableError(`event store unavailable: ${error.message}`, { cause: error });
  if (error instanceof SqlError) return new EventStoreError('DATABASE_ERROR', `event store query failed: ${error.message}`, { cause: error });
  return error;
}

const DEFAULT_READ_LIMIT = 1_000;
const DEFAULT_FOLLOW_BATCH = 500;
const FOLLOW_MIN_WAIT_MS = 10;
const FOLLOW_MAX_WAIT_MS = 250;
const HEAD_CACHE_SIZE = 10_000;
const READ_STREAMS_PER_QUERY = 2_000;

interface PreparedEvent {
  readonly event: EventToAppend;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** What "the same event" means for a retry: its type, data and metadata. Only needed off the happy path. */
const contentOf = (event: { readonly type: string; readonly data: JsonObject; readonly metadata: EventMetadata }): string =>
  canonicalJson({ type: event.type, data: event.data, metadata: event.metadata });

function prepareAppend(streamName: string, events: readonly EventToAppend[], expectedVersion: number): PreparedEvent[] {
  assertAppendShape(streamName, events, expectedVersion);
  const ids = new Set<string>();
  return events.map((event, index) => {
    const what = assertEventIdentity(event, index, ids);
    let dataJson: string;
    let metadataJson: string;
    try {
      if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) throw new TypeError('data must be a JSON object');
      if (typeof event.metadata !== 'object' || event.metadata === null) throw new TypeError('metadata must be a JSON object');
      dataJson = canonicalJson(event.data);
      metadataJson = canonicalJson(event.metadata);
    } catch (error) {
      throw new EventStoreError('INVALID_ARGUMENT', `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    // Canonical JSON writes strings as JSON.stringify does, which writes U+0000
    // and lone surrogates only as \u escapes: text without "\u" holds neither.
    // Otherwise walk the values, to name the offending one. This spares a walk
    // per event on the hot path (measured ~4 µs of ~18 per imported event).
    if (dataJson.includes('\\u')) assertStorable(event.data, `${what} data`);
    if (metadataJson.includes('\\u')) assertStorable(event.metadata, `${what} metadata`);
    return { event, dataJson, metadataJson };
  });
}

/** The SQL store: the whole `EventStore`, and bulk appends across streams in one statement. */
export type SqlEventStore = EventStore & MultiStreamAppender;

interface PreparedAppend {
  readonly streamName: string;
  readonly expectedVersion: number;
  readonly prepared: readonly PreparedEvent[];
}

export interface SqlEventStoreOptions {
  /** Close the SqlClient when the store closes (openEventStore does). Default false. */
  readonly ownsClient?: boolean;
}

/**
 * The event store on a SqlClient (PostgreSQL or PGlite: same schema, same
 * statements). Run `migrateEventStore(sql)` first; `openEventStore` does both.
 */
export function createSqlEventStore(sql: SqlClient, options: SqlEventStoreOptions = {}): SqlEventStore {
  /*
   * stream -> the last version and hash we know. An appended event never
   * changes, so a known (stream, version, hash) stays true forever; the entry
   * only spares the round trip that would fetch the predecessor's hash when
   * the caller expects exactly that version. The append statement re-checks
   * it anyway. Bounded: the least recently used streams are forgotten.
   */
  const heads = new Map<string, { readonly version: number; readonly hash: string }>();
  const closing = new AbortController();

  function remember(streamName: string, version: number, hash: string): void {
    const known = heads.get(streamName);
    if (known !== undefined && known.version > version) return;
    heads.delete(streamName);
    heads.set(streamName, { version, hash });
    if (heads.size > HEAD_CACHE_SIZE) {
      const oldest = heads.keys().next();
      if (oldest.done !== true) heads.delete(oldest.value);
    }
  }

  function assertOpen(): void {
    if (closing.signal.aborted) throw new StoreUnavailableError('event store is closed');
  }

  async function query<Row>(text: string, params: readonly SqlParameter[], name?: string): Promise<Row[]> {
    assertOpen();
    try {
      const result = await sql.query<Row>(text, params, name === undefined ? undefined : { name });
      return result.rows;
    } catch (error) {
      throw storeError(error);
    }
  }

  async function streamHead(streamName: string): Promise<{ version: number; hash: string }> {
    const [head] = await query<{ stream_version: number; hash: string }>(STREAM_HEAD, [streamName], 'event_store_stream_head');
    return head === undefined ? { version: 0, hash: GENESIS_HASH } : { version: head.stream_version, hash: head.hash };
  }

  /*
   * Off the happy path: the append inserted nothing. Either it is a retry of
   * an append that already succeeded (same ids, same content, same stream: hand
   * back the original result), an event id taken by another event, or a
   * genuine version conflict.
   */
  async function resolveRejectedAppend(
    streamName: string,
    prepared: readonly PreparedEvent[],
    expectedVersion: number,
    guards: readonly AppendGuard[] = [],
  ): Promise<AppendResult> {
    const [result] = await resolveRejectedAppends([{ streamName, prepared, expectedVersion }], guards);
    return result!;
  }

  /**
   * The same, for the streams of one multi-stream append (all or nothing, so
   * all retried or none). A retry is recognised before the guards are looked
   * at: an append that landed stays landed whatever its guard streams did
   * since; then a guard stream that moved on is the conflict.
   */
  async function resolveRejectedAppends(appends: readonly PreparedAppend[], guards: readonly AppendGuard[] = []): Promise<AppendResult[]> {
    const ids = appends.flatMap((a) => a.prepared.map((p) => p.event.eventId));
    const existing = (await query<EventRow>(EVENTS_BY_ID, [ids])).map(toRecordedEvent);
    if (existing.length > 0) {
      const byId = new Map(existing.map((event) => [event.eventId, event]));
      const results = appends.map(({ streamName, prepared }) => {
        const stored = prepared.map((p) => byId.get(p.event.eventId));
        const first = stored[0];
        const sameAppend =
          first !== undefined &&
          stored.every(
            (event, index) =>
              event !== undefined &&
              event.streamName === streamName &&
              event.streamVersion === first.streamVersion + index &&
              contentOf(event) === contentOf(prepared[index]!.event),
          );
        return sameAppend ? stored[stored.length - 1]! : undefined;
      });
      if (results.every((last) => last !== undefined)) {
        return results.map((last) => {
          remember(last.streamName, last.streamVersion, last.hash);
          return { nextExpectedVersion: last.streamVersion, position: last.position };
        });
      }
      const reused = existing.map((event) => `${event.eventId} (${event.streamName} v${event.streamVersion})`).join(', ');
      throw new EventStoreError('EVENT_ID_REUSED', `event ids already used by other events: ${reused}`);
    }
    if (guards.length > 0) {
      const guardHeads = await streamHeads(guards.map((g) => g.streamName));
      const moved = guards.find((g) => guardHeads.get(g.streamName)!.version !== g.version);
      if (moved !== undefined) throw new ConcurrencyError(moved.streamName, moved.version, guardHeads.get(moved.streamName)!.version);
    }
    const heads = await streamHeads(appends.map((a) => a.streamName));
    // The first stream that is not where its caller expected; with none, the first whose chain did not match.
    const conflicting = appends.find((a) => heads.get(a.streamName)!.version !== a.expectedVersion) ?? appends[0]!;
    throw new ConcurrencyError(conflicting.streamName, conflicting.expectedVersion, heads.get(conflicting.streamName)!.version);
  }

  /** Every stream's head in one round trip (version 0 and the genesis hash for a stream with no event), remembered. */
  async function streamHeads(streamNames: readonly string[]): Promise<Map<string, { version: number; hash: string }>> {
    const rows =
      streamNames.length === 1
        ? (await query<{ stream_version: number; hash: string }>(STREAM_HEAD, [streamNames[0]!], 'event_store_stream_head')).map((row) => ({
            ...row,
            stream_name: streamNames[0]!,
          }))
        : await query<{ stream_name: string; stream_version: number; hash: string }>(STREAM_HEADS, [streamNames], 'event_store_stream_heads');
    const heads = new Map(streamNames.map((name) => [name, { version: 0, hash: GENESIS_HASH }]));
    for (const row of rows) {
      heads.set(row.stream_name, { version: row.stream_version, hash: row.hash });
      remember(row.stream_name, row.stream_version, row.hash);
    }
    return heads;
  }

  async function appendToStream(streamName: string, events: readonly EventToAppend[], appendOptions: AppendOptions): Promise<AppendResult> {
    assertOpen();
    const expectedVersion = appendOptions.expectedVersion;
    const prepared = prepareAppend(streamName, events, expectedVersion);
    const guards = appendOptions.guards ?? [];
    const fence = appendOptions.fence === true;
    assertGuards(streamName, guards);
    const conditioned = guards.length > 0 || fence;
    const conditionParameters: SqlParameter[] = [...(fence ? [streamName] : []), ...guards.flatMap((g) => [g.streamName, g.version])];
    const shape = `${guards.length}${fence ? '_fenced' : ''}`;

    for (let attempt = 0; ; attempt += 1) {
      let previousHash: string;
      const cached = attempt === 0 ? heads.get(streamName) : undefined;
      if (expectedVersion === 0) {
        previousHash = GENESIS_HASH;
      } else if (cached !== undefined && cached.version === expectedVersion) {
        previousHash = cached.hash;
      } else {
        const head = await streamHead(streamName);
        remember(streamName, head.version, head.hash);
        if (head.version !== expectedVersion) return resolveRejectedAppend(streamName, prepared, expectedVersion, guards);
        previousHash = head.hash;
      }

      const hashes: string[] = [];
      const previousHashes: string[] = [];
      let previous = previousHash;
      prepared.forEach((p, index) => {
        const hash = computeEventHashFromCanonical(previous, {
          streamName,
          streamVersion: expectedVersion + index + 1,
          eventId: p.event.eventId,
          type: p.event.type,
          dataJson: p.dataJson,
          metadataJson: p.metadataJson,
        });
        previousHashes.push(previous);
        hashes.push(hash);
        previous = hash;
      });

      let inserted: PositionRow[];
      try {
        const only = prepared.length === 1 ? prepared[0]! : undefined;
        inserted =
          only !== undefined
            ? await query<PositionRow>(
                conditioned ? appendOneWith(guards.length, fence) : APPEND_ONE,
                [
                  streamName,
                  expectedVersion + 1,
                  only.event.eventId,
                  only.event.type,
                  only.dataJson,
                  only.metadataJson,
                  hashes[0]!,
                  previousHash,
                  ...conditionParameters,
                ],
                conditioned ? `event_store_append_one_${shape}` : 'event_store_append_one',
              )
            : await query<PositionRow>(
                conditioned ? appendWith(guards.length, fence) : APPEND,
                [
                  streamName,
                  prepared.map((_, index) => expectedVersion + index + 1),
                  prepared.map((p) => p.event.eventId),
                  prepared.map((p) => p.event.type),
                  prepared.map((p) => p.dataJson),
                  prepared.map((p) => p.metadataJson),
                  hashes,
                  previousHashes,
                  expectedVersion,
                  previousHash,
                  ...conditionParameters,
                ],
                conditioned ? `event_store_append_${shape}` : 'event_store_append',
              );
      } catch (error) {
        // A unique violation (version or event id) means another append got there first, or this is a retry.
        if (error instanceof EventStoreError && isUniqueViolation(error.cause)) {
          return resolveRejectedAppend(streamName, prepared, expectedVersion, guards);
        }
        throw error;
      }

      if (inserted.length === 0) {
        // Event `expectedVersion` is not there with the hash we chained to (or a
        // guard stream moved on). With a hash from the cache, the cache may be
        // wrong (say the database was restored from a backup): forget it and
        // try once more from the database.
        if (cached !== undefined && cached.version === expectedVersion) {
          heads.delete(streamName);
          continue;
        }
        return resolveRejectedAppend(streamName, prepared, expectedVersion, guards);
      }

      const lastVersion = expectedVersion + prepared.length;
      remember(streamName, lastVersion, hashes[hashes.length - 1]!);
      const last = inserted.reduce((a, b) => (BigInt(a.prepare) > BigInt(b.prepare) ? a : b));
      return { nextExpectedVersion: lastVersion, position: toPosition(last) };
    }
  }

  /*
   * Multi-stream appends of this store run their statements one after the
   * other, in the order they were called, while each one's preparation
   * (canonical JSON, hashes: the CPU part) runs as soon as it is called. So
   * an importer that calls the next batch before the current one has
   * finished keeps the CPU and the database busy at once (measured on
   * 2,000-event batches: ~10-25 % less time per event than one call after
   * the other). `pendingHeads` holds the heads the
   * statements in line will create, so the next call can chain to them; if
   * one fails, the next one's statement finds its predecessor missing,
   * inserts nothing, and ends in ConcurrencyError like any stale append.
   */
  let appendsInLine: Promise<unknown> = Promise.resolve();
  const pendingHeads = new Map<string, { readonly version: number; readonly hash: string }>();

  function appendToStreams(appends: readonly StreamAppend[], appendOptions: MultiStreamAppendOptions = {}): Promise<AppendResult[]> {
    const previous = appendsInLine;
    const result = appendToStreamsAfter(appends, appendOptions, previous);
    appendsInLine = result.catch(() => undefined);
    return result;
  }

  async function appendToStreamsAfter(
    appends: readonly StreamAppend[],
    appendOptions: MultiStreamAppendOptions,
    previous: Promise<unknown>,
  ): Promise<AppendResult[]> {
    // Let the call before this one send its statement first (it may be one
    // microtask away): only then does preparing this one overlap with it.
    await nextTurn();
    assertOpen();
    // A JavaScript caller may pass anything; checked through `given`, as Array.isArray would narrow `appends` to any[].
    const given: unknown = appends;
    if (!Array.isArray(given) || appends.length === 0) throw new EventStoreError('INVALID_ARGUMENT', 'nothing to append: give at least one stream');
    const streams = new Set<string>();
    const ids = new Set<string>();
    const prepared: PreparedAppend[] = appends.map(({ streamName, events, expectedVersion }) => {
      const append = { streamName, expectedVersion, prepared: prepareAppend(streamName, events, expectedVersion) };
      if (streams.has(streamName))
        throw new EventStoreError('INVALID_ARGUMENT', `stream ${streamName} appears twice in one append: give its events once, in order`);
      streams.add(streamName);
      for (const p of append.prepared) {
        if (ids.has(p.event.eventId)) throw new EventStoreError('EVENT_ID_REUSED', `event ${p.event.eventId} appears twice in one append`);
        ids.add(p.event.eventId);
      }
      return append;
    });
    const guards = appendOptions.guards ?? [];
    // No appended stream is named '', so this checks the guards' own shape; a guard on an appended stream is refused below.
    assertGuards('', guards);
    const guarded = guards.find((g) => streams.has(g.streamName));
    if (guarded !== undefined) throw new EventStoreError('INVALID_ARGUMENT', `stream ${guarded.streamName} cannot guard its own append: expectedVersion does`);
    const fenced = appends
      .filter((a) => a.fence === true)
      .map((a) => a.streamName)
      .sort();
    const sortedGuards = [...guards].sort((a, b) => (a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : 0));
    const conditioned = sortedGuards.length > 0 || fenced.length > 0;

    let waited = false;
    const ourTurn = async (): Promise<void> => {
      if (waited) return;
      waited = true;
      await previous;
    };
    const published: string[] = [];
    try {
      for (let attempt = 0; ; attempt += 1) {
        // Predecessors' hashes: from the statements in line or the cache when they know exactly
        // the expected version, else (once the statements before ours are done) in one query for all.
        const previousHashes = new Map<string, string>();
        const fromCache: string[] = [];
        for (const { streamName, expectedVersion } of prepared) {
          const known = attempt === 0 ? (pendingHeads.get(streamName) ?? heads.get(streamName)) : undefined;
          if (expectedVersion === 0) previousHashes.set(streamName, GENESIS_HASH);
          else if (known !== undefined && known.version === expectedVersion) {
            previousHashes.set(streamName, known.hash);
            fromCache.push(streamName);
          }
        }
        const unknown = prepared.filter((a) => !previousHashes.has(a.streamName)).map((a) => a.streamName);
        if (unknown.length > 0) {
          await ourTurn();
          const fetched = await streamHeads(unknown);
          for (const a of prepared) {
            const head = fetched.get(a.streamName);
            if (head === undefined) continue;
            if (head.version !== a.expectedVersion) return await resolveRejectedAppends(prepared, guards);
            previousHashes.set(a.streamName, head.hash);
          }
        }

        // The JSON text of the rows, written by hand: data and metadata are canonical JSON already, ids and hashes need no escaping.
        let rows = '';
        let ord = 0;
        const checks = { stream: [] as string[], version: [] as number[], hash: [] as string[] };
        const lastHashes = new Map<string, string>();
        for (const { streamName, expectedVersion, prepared: events } of prepared) {
          let previousHash = previousHashes.get(streamName)!;
          const streamJson = JSON.stringify(streamName);
          if (expectedVersion > 0) {
            checks.stream.push(streamName);
            checks.version.push(expectedVersion);
            checks.hash.push(previousHash);
          }
          events.forEach((p, index) => {
            const streamVersion = expectedVersion + index + 1;
            const hash = computeEventHashFromCanonical(previousHash, {
              streamName,
              streamVersion,
              eventId: p.event.eventId,
              type: p.event.type,
              dataJson: p.dataJson,
              metadataJson: p.metadataJson,
            });
            rows += `${ord === 0 ? '' : ','}{"o":${ord},"s":${streamJson},"v":${streamVersion},"i":"${p.event.eventId}","t":${JSON.stringify(p.event.type)},"d":${p.dataJson},"m":${p.metadataJson},"h":"${hash}","p":"${previousHash}"}`;
            ord += 1;
            previousHash = hash;
          });
          lastHashes.set(streamName, previousHash);
          // The next call in line may chain to what this one will append.
          pendingHeads.set(streamName, { version: expectedVersion + events.length, hash: previousHash });
          published.push(streamName);
        }

        await ourTurn();
        let inserted: (PositionRow & { stream_name: string })[];
        try {
          inserted = conditioned
            ? await query(
                APPEND_MANY_CONDITIONED,
                [`[${rows}]`, checks.stream, checks.version, checks.hash, sortedGuards.map((g) => g.streamName), sortedGuards.map((g) => g.version), fenced],
                'event_store_append_many_conditioned',
              )
            : await query(APPEND_MANY, [`[${rows}]`, checks.stream, checks.version, checks.hash], 'event_store_append_many');
        } catch (error) {
          if (error instanceof EventStoreError && isUniqueViolation(error.cause)) return await resolveRejectedAppends(prepared, guards);
          throw error;
        }

        if (inserted.length === 0) {
          // Some predecessor is not there with the hash we chained to; with hashes from the cache or the line, forget them and try once more.
          if (fromCache.length > 0 && attempt === 0) {
            for (const streamName of fromCache) {
              heads.delete(streamName);
              pendingHeads.delete(streamName);
            }
            continue;
          }
          return await resolveRejectedAppends(prepared, guards);
        }

        const lastRows = new Map(inserted.map((row) => [row.stream_name, row]));
        return prepared.map(({ streamName, expectedVersion, prepared: events }) => {
          const lastVersion = expectedVersion + events.length;
          remember(streamName, lastVersion, lastHashes.get(streamName)!);
          return { nextExpectedVersion: lastVersion, position: toPosition(lastRows.get(streamName)!) };
        });
      }
    } finally {
      // Ours no longer pending: appended (now in the cache) or not (gone). A later call in line may have replaced an entry.
      for (const streamName of published) {
        const pending = pendingHeads.get(streamName);
        const ours = prepared.find((a) => a.streamName === streamName)!;
        if (pending !== undefined && pending.version === ours.expectedVersion + ours.prepared.length) pendingHeads.delete(streamName);
      }
      // If validation threw before our turn, the calls after ours must still wait for the ones before.
      if (!waited) await previous;
    }
  }

  async function readStream(streamName: string, readOptions: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    const afterVersion = readOptions.afterVersion ?? 0;
    const rows =
      afterVersion === 0
        ? await query<EventRow>(READ_STREAM, [streamName, afterVersion], 'event_store_read_stream')
        : await query<EventRow>(READ_STREAM_FROM, [streamName, afterVersion], 'event_store_read_stream_from');
    const read = rows.map(toRecordedEvent);
    const events = read[0]?.streamVersion === afterVersion ? read.slice(1) : read;
    const last = read[read.length - 1];
    if (last !== undefined) {
      remember(streamName, last.streamVersion, last.hash);
      return { version: last.streamVersion, events };
    }
    if (afterVersion === 0) return { version: 0, events };
    // The stream is not even at afterVersion: ask where it is.
    const head = await streamHead(streamName);
    return { version: head.version, events };
  }

  async function readStreams(reads: readonly StreamRead[]): Promise<ReadStreamResult[]> {
    const given: unknown = reads;
    if (!Array.isArray(given)) throw new EventStoreError('INVALID_ARGUMENT', 'reads must be an array');
    const names = new Set<string>();
    for (const read of reads) {
      if (typeof read.streamName !== 'string' || read.streamName === '') throw new EventStoreError('INVALID_ARGUMENT', 'a read needs a stream name');
      if (names.has(read.streamName)) throw new EventStoreError('INVALID_ARGUMENT', `stream ${read.streamName} is read twice in one call`);
      names.add(read.streamName);
      const after = read.afterVersion ?? 0;
      if (!Number.isSafeInteger(after) || after < 0 || after > MAX_STREAM_VERSION)
        throw new EventStoreError('INVALID_ARGUMENT', `afterVersion of ${read.streamName} must be an integer 0..${MAX_STREAM_VERSION}`);
    }
    const byStream = new Map<string, RecordedEvent[]>();
    // A few thousand streams per query keep each answer a size the driver handles at once.
    for (let start = 0; start < reads.length; start += READ_STREAMS_PER_QUERY) {
      const part = reads.slice(start, start + READ_STREAMS_PER_QUERY);
      const rows = await query<EventRow>(READ_STREAMS, [part.map((r) => r.streamName), part.map((r) => r.afterVersion ?? 0)], 'event_store_read_streams');
      for (const row of rows) {
        const event = toRecordedEvent(row);
        let events = byStream.get(event.streamName);
        if (events === undefined) byStream.set(event.streamName, (events = []));
        events.push(event);
      }
    }
    // Streams not even at their afterVersion: where they are, in one more query (off the usual path).
    const behind = reads.filter((r) => (r.afterVersion ?? 0) > 0 && byStream.get(r.streamName) === undefined).map((r) => r.streamName);
    const behindHeads = behind.length > 0 ? await streamHeads(behind) : new Map<string, { version: number }>();
    return reads.map(({ streamName, afterVersion = 0 }) => {
      const read = byStream.get(streamName) ?? [];
      const last = read[read.length - 1];
      if (last === undefined) return { version: afterVersion === 0 ? 0 : behindHeads.get(streamName)!.version, events: [] };
      remember(streamName, last.streamVersion, last.hash);
      return { version: last.streamVersion, events: read[0]!.streamVersion === afterVersion ? read.slice(1) : read };
    });
  }

  async function readAll(readOptions: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    const after = readOptions.after ?? LOG_START;
    const limit = readOptions.limit ?? DEFAULT_READ_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new EventStoreError('INVALID_ARGUMENT', `limit must be a positive integer, not ${String(limit)}`);
    const rows = await query<EventRow>(
      READ_ALL,
      [after.commit.toString(), after.prepare.toString(), Math.min(limit, MAX_STREAM_VERSION)],
      'event_store_read_all',
    );
    return rows.map(toRecordedEvent);
  }

  async function* follow(followOptions: {
    readonly after?: LogPosition;
    readonly signal: AbortSignal;
    readonly batchSize?: number;
  }): AsyncGenerator<readonly RecordedEvent[]> {
    const stop = AbortSignal.any([followOptions.signal, closing.signal]);
    const batchSize = followOptions.batchSize ?? DEFAULT_FOLLOW_BATCH;
    let after = followOptions.after ?? LOG_START;
    let wait = FOLLOW_MIN_WAIT_MS;
    while (!stop.aborted) {
      let batch: readonly RecordedEvent[];
      try {
        batch = await readAll({ after, limit: batchSize });
      } catch (error) {
        if (stop.aborted) return;
        throw error;
      }
      if (stop.aborted) return;
      const last = batch[batch.length - 1];
      if (last !== undefined) {
        after = last.position;
        wait = FOLLOW_MIN_WAIT_MS;
        yield batch;
        // A full batch: more may be waiting, read again at once.
        if (batch.length === batchSize) continue;
      }
      // Idle: poll again soon, then less and less often while nothing comes.
      try {
        await sleep(wait, undefined, { signal: stop });
      } catch {
        return;
      }
      if (last === undefined) wait = Math.min(wait * 2, FOLLOW_MAX_WAIT_MS);
    }
  }

  return {
    appendToStream,
    appendToStreams,
    readStream,
    readStreams,
    readAll,
    follow,
    async headPosition() {
      const [row] = await query<PositionRow>(HEAD_POSITION, [], 'event_store_head_position');
      return row === undefined ? null : toPosition(row);
    },
    async latestPosition() {
      const [row] = await query<PositionRow>(LATEST_POSITION, [], 'event_store_latest_position');
      return row === undefined ? null : toPosition(row);
    },
    async ping() {
      assertOpen();
      try {
        await sql.query('SELECT 1');
      } catch (error) {
        throw new StoreUnavailableError(`event store unavailable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    },
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      if (options.ownsClient === true) await sql.close();
    },
  };
}
