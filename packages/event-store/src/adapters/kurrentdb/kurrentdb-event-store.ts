import { canonicalJson } from '@semaforo/canonical-json';
import { assertGuards } from '../../append-rules.js';
import { ConcurrencyError, EventStoreError, StoreUnavailableError } from '../../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
  StreamRead,
} from '../../event-store.js';
import { GENESIS_HASH, computeEventHash } from '../../hash-chain.js';
import { LOG_START, compareLogPositions, type LogPosition } from '../../log-position.js';
import { prepareAppend, type PreparedEvent } from './append-validation.js';
import { decodeRecord, encodeMetadata, isOurs } from './event-envelope.js';
import { createKurrentDbLogClient } from './kurrentdb-client.js';
import { LogClientError, type LogClient, type LogRecord } from './log-client.js';
import { expectedRevisionFor, versionOfRevision } from './stream-revision.js';

export interface KurrentDbEventStoreOptions {
  /**
   * `kurrentdb://`, `kurrentdb+discover://`, `esdb://` or `esdb+discover://`
   * connection string, e.g. `kurrentdb://127.0.0.1:2113?tls=false` for the
   * insecure dev node, or `kurrentdb+discover://admin:…@cluster.example:2113`
   * for a cluster found through gossip.
   */
  readonly connectionString: string;
}

const ALL = Number.MAX_SAFE_INTEGER;
const DEFAULT_READ_LIMIT = 1_000;
const PARALLEL_STREAM_READS = 8;
const DEFAULT_FOLLOW_BATCH = 500;
const HEAD_SCAN = 64;
const HEAD_CACHE_SIZE = 1_000;
const PING_TIMEOUT_MS = 5_000;

/** What an append needs to know about a stream: its version, last hash and every event id in it. */
interface StreamHead {
  readonly version: number;
  readonly hash: string;
  readonly ids: ReadonlySet<string>;
}

/** In our terms, whatever the client threw. */
function storeError(error: unknown): unknown {
  if (!(error instanceof LogClientError)) return error;
  if (error.kind === 'unavailable') return new StoreUnavailableError(`event store unavailable: ${error.message}`, { cause: error });
  return new EventStoreError('DATABASE_ERROR', `event store call failed (${error.kind}): ${error.message}`, { cause: error });
}

function contentOf(event: RecordedEvent): string {
  return canonicalJson({ type: event.type, data: event.data, metadata: event.metadata });
}

const isLogStart = (position: LogPosition): boolean => position.commit === LOG_START.commit && position.prepare === LOG_START.prepare;

/** One of our events in the whole log; null for system and foreign records, which every reader of `$all` skips. */
function fromLog(record: LogRecord): RecordedEvent | null {
  if (record.streamName.startsWith('$')) return null;
  return decodeRecord(record);
}

/**
 * The event store on EventStoreDB / KurrentDB: one stream per aggregate (the
 * same names as on PostgreSQL), the whole log read from `$all` without system
 * events, positions that are KurrentDB's own `$all` positions.
 *
 * Idempotency and EVENT_ID_REUSED. KurrentDB treats an event id as an
 * idempotency key for a position in ONE stream: an append whose events' ids
 * are already at the expected versions is acknowledged without writing,
 * whatever the content, and ids are never compared across streams. This store
 * keeps our rules on top, within a stream: it knows every id of the stream it
 * appends to (read once, then cached), so an append retried with the same
 * events returns the original result, and an id reused for other content, or
 * already present elsewhere in the stream, fails with EVENT_ID_REUSED. After
 * each append it reads back the events at the versions it wrote, so an
 * acknowledgement that was really the server's deduplication is caught too.
 * NOT enforced: the same id in two different streams (there is no index of
 * ids across streams in KurrentDB); our ids are random UUIDs per event, so
 * only a bug produces that.
 */
export function createKurrentDbEventStore(options: KurrentDbEventStoreOptions): EventStore {
  let client: LogClient;
  try {
    client = createKurrentDbLogClient(options.connectionString);
  } catch (error) {
    throw new EventStoreError('INVALID_ARGUMENT', error instanceof Error ? error.message : String(error), { cause: error });
  }
  return eventStoreOn(client);
}

function eventStoreOn(client: LogClient): EventStore {
  const heads = new Map<string, StreamHead>();
  const closing = new AbortController();

  function remember(streamName: string, head: StreamHead): void {
    const known = heads.get(streamName);
    if (known !== undefined && known.version > head.version) return;
    heads.delete(streamName);
    heads.set(streamName, head);
    if (heads.size > HEAD_CACHE_SIZE) {
      const oldest = heads.keys().next();
      if (oldest.done !== true) heads.delete(oldest.value);
    }
  }

  function assertOpen(): void {
    if (closing.signal.aborted) throw new StoreUnavailableError('event store is closed');
  }

  async function call<T>(operation: () => Promise<T>): Promise<T> {
    assertOpen();
    try {
      return await operation();
    } catch (error) {
      throw storeError(error);
    }
  }

  function ourEvent(record: LogRecord): RecordedEvent {
    const event = decodeRecord(record);
    if (event === null) {
      throw new EventStoreError('DATABASE_ERROR', `${record.streamName} holds event ${record.eventId} that this store did not write (no semaforo envelope)`);
    }
    return event;
  }

  async function readWholeStream(streamName: string): Promise<{ head: StreamHead; events: RecordedEvent[] }> {
    const records = await call(() => client.readStream(streamName, { from: 'start', maxCount: ALL, direction: 'forwards' }));
    const events = records.map(ourEvent);
    const last = events[events.length - 1];
    const head: StreamHead = {
      version: last?.streamVersion ?? 0,
      hash: last?.hash ?? GENESIS_HASH,
      ids: new Set(events.map((event) => event.eventId)),
    };
    remember(streamName, head);
    return { head, events };
  }

  /*
   * Off the happy path: the stream is not at the expected version, or some of
   * the ids are already in it. Either this repeats an append that went
   * through (same ids, same content, consecutive versions: hand back the
   * original result), or an id is taken by other content, or it is a genuine
   * version conflict.
   */
  async function resolveRejectedAppend(streamName: string, prepared: readonly PreparedEvent[], expectedVersion: number): Promise<AppendResult> {
    const { head, events } = await readWholeStream(streamName);
    const byId = new Map(events.map((event) => [event.eventId, event]));
    const stored = prepared.map((p) => byId.get(p.event.eventId));
    if (stored.some((event) => event !== undefined)) {
      const first = stored[0];
      const sameAppend =
        first !== undefined &&
        stored.every(
          (event, index) => event !== undefined && event.streamVersion === first.streamVersion + index && contentOf(event) === prepared[index]!.content,
        );
      if (sameAppend) {
        const last = stored[stored.length - 1]!;
        return { nextExpectedVersion: last.streamVersion, position: last.position };
      }
      const reused = stored.flatMap((event) => (event === undefined ? [] : [`${event.eventId} (v${event.streamVersion})`])).join(', ');
      throw new EventStoreError('EVENT_ID_REUSED', `event ids already used by other events of ${streamName}: ${reused}`);
    }
    throw new ConcurrencyError(streamName, expectedVersion, head.version);
  }

  async function appendToStream(streamName: string, events: readonly EventToAppend[], appendOptions: AppendOptions): Promise<AppendResult> {
    assertOpen();
    const expectedVersion = appendOptions.expectedVersion;
    const prepared = prepareAppend(streamName, events, expectedVersion);
    const guards = appendOptions.guards ?? [];
    assertGuards(streamName, guards);

    let head = heads.get(streamName);
    if (head === undefined || head.version !== expectedVersion) head = (await readWholeStream(streamName)).head;
    if (head.version !== expectedVersion || prepared.some((p) => head.ids.has(p.event.eventId))) {
      return resolveRejectedAppend(streamName, prepared, expectedVersion);
    }
    /*
     * NOT atomic, a documented gap (README, "EventStoreDB / KurrentDB"):
     * KurrentDB appends to one stream at a time and has no lock to hold
     * another stream still, so a guard is checked by reading its stream just
     * before the append, once a retry has been told apart (as on the SQL
     * store). A fenced append that commits between that read and this append
     * is not seen. `fence` has nothing to exclude here and is ignored.
     */
    for (const guard of guards) {
      const { head: guardHead } = await readWholeStream(guard.streamName);
      if (guardHead.version !== guard.version) throw new ConcurrencyError(guard.streamName, guard.version, guardHead.version);
    }

    const hashes: string[] = [];
    let previous = head.hash;
    const toAppend = prepared.map(({ event }, index) => {
      const hash = computeEventHash(previous, {
        streamName,
        streamVersion: expectedVersion + index + 1,
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      });
      const metadata = encodeMetadata(event.metadata, { hash, previousHash: previous });
      hashes.push(hash);
      previous = hash;
      return { eventId: event.eventId, type: event.type, data: event.data, metadata };
    });

    assertOpen();
    try {
      await client.append(streamName, toAppend, expectedRevisionFor(expectedVersion));
    } catch (error) {
      // Another writer got there first, or this repeats an append that went through.
      if (error instanceof LogClientError && error.kind === 'wrong-expected-version') return resolveRejectedAppend(streamName, prepared, expectedVersion);
      throw storeError(error);
    }

    // Read back what now stands at those versions: our events, unless the
    // server acknowledged an earlier append with the same ids instead of writing.
    const written = (await call(() => client.readStream(streamName, { from: BigInt(expectedVersion), maxCount: prepared.length, direction: 'forwards' }))).map(
      ourEvent,
    );
    const ours =
      written.length === prepared.length && written.every((event, index) => event.eventId === prepared[index]!.event.eventId && event.hash === hashes[index]);
    if (!ours) return resolveRejectedAppend(streamName, prepared, expectedVersion);

    const last = written[written.length - 1]!;
    remember(streamName, {
      version: last.streamVersion,
      hash: last.hash,
      ids: new Set([...head.ids, ...prepared.map((p) => p.event.eventId)]),
    });
    return { nextExpectedVersion: last.streamVersion, position: last.position };
  }

  async function readStream(streamName: string, readOptions: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    assertOpen();
    const afterVersion = readOptions.afterVersion ?? 0;
    if (!Number.isSafeInteger(afterVersion) || afterVersion < 0) {
      throw new EventStoreError('INVALID_ARGUMENT', `afterVersion must be an integer >= 0, not ${String(afterVersion)}`);
    }
    if (afterVersion === 0) {
      const { head, events } = await readWholeStream(streamName);
      return { version: head.version, events };
    }
    const events = (await call(() => client.readStream(streamName, { from: BigInt(afterVersion), maxCount: ALL, direction: 'forwards' }))).map(ourEvent);
    const last = events[events.length - 1];
    if (last !== undefined) return { version: last.streamVersion, events };
    const [latest] = await call(() => client.readStream(streamName, { from: 'end', maxCount: 1, direction: 'backwards' }));
    return { version: latest === undefined ? 0 : versionOfRevision(latest.revision), events };
  }

  // The client reads one stream per call: a few at a time, in order of the reads.
  async function readStreams(reads: readonly StreamRead[]): Promise<ReadStreamResult[]> {
    const names = new Set<string>();
    for (const read of reads) {
      if (names.has(read.streamName)) throw new EventStoreError('INVALID_ARGUMENT', `stream ${read.streamName} is read twice in one call`);
      names.add(read.streamName);
    }
    const results: ReadStreamResult[] = new Array<ReadStreamResult>(reads.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < reads.length) {
        const index = next++;
        const { streamName, ...options } = reads[index]!;
        results[index] = await readStream(streamName, options);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_STREAM_READS, reads.length) }, worker));
    return results;
  }

  async function readAll(readOptions: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    const after = readOptions.after ?? LOG_START;
    const limit = readOptions.limit ?? DEFAULT_READ_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new EventStoreError('INVALID_ARGUMENT', `limit must be a positive integer, not ${String(limit)}`);
    assertOpen();
    const events: RecordedEvent[] = [];
    let from: LogPosition | 'start' = isLogStart(after) ? 'start' : after;
    let floor = after;
    for (;;) {
      // A read of $all from a position includes the record AT that position: ask for one more.
      const wanted = limit - events.length + 1;
      const start = from;
      const records = await call(() => client.readAll({ from: start, maxCount: wanted, direction: 'forwards' }));
      const floorBefore = floor;
      for (const record of records) {
        if (record.position === undefined || compareLogPositions(record.position, floor) <= 0) continue;
        floor = record.position;
        const event = fromLog(record);
        if (event === null) continue;
        events.push(event);
        if (events.length === limit) return events;
      }
      // The server's filtered read stops short only at the end of the log.
      if (records.length < wanted || compareLogPositions(floor, floorBefore) === 0) return events;
      from = floor;
    }
  }

  async function* follow(followOptions: {
    readonly after?: LogPosition;
    readonly signal: AbortSignal;
    readonly batchSize?: number;
  }): AsyncGenerator<readonly RecordedEvent[]> {
    const stop = AbortSignal.any([followOptions.signal, closing.signal]);
    if (stop.aborted) return;
    const batchSize = followOptions.batchSize ?? DEFAULT_FOLLOW_BATCH;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
      throw new EventStoreError('INVALID_ARGUMENT', `batchSize must be a positive integer, not ${String(batchSize)}`);
    }
    // Past this many events waiting, the subscription pauses until the reader catches up.
    const highWater = batchSize * 4;
    let floor = followOptions.after ?? LOG_START;
    const queue: RecordedEvent[] = [];
    let failure: unknown;
    let ended = false;
    let paused = false;
    let wake: (() => void) | undefined;
    const notify = (): void => {
      const resume = wake;
      wake = undefined;
      resume?.();
    };

    const subscription = client.subscribeToAll({
      // A catch-up subscription starts AFTER the given position (a read of $all starts AT it).
      after: isLogStart(floor) ? 'start' : floor,
      onRecord(record) {
        if (failure !== undefined) return;
        try {
          const event = fromLog(record);
          if (event !== null) queue.push(event);
        } catch (error) {
          failure = error;
        }
        if (queue.length >= highWater && !paused) {
          paused = true;
          subscription.pause();
        }
        notify();
      },
      onError(error) {
        failure ??= storeError(error);
        notify();
      },
      onEnd() {
        ended = true;
        notify();
      },
    });
    stop.addEventListener('abort', notify);

    try {
      for (;;) {
        if (stop.aborted) return;
        // Events delivered twice (a resubscription) or not after the start are dropped, never yielded again.
        while (queue.length > 0 && compareLogPositions(queue[0]!.position, floor) <= 0) queue.shift();
        if (queue.length > 0) {
          const batch = queue.splice(0, batchSize);
          floor = batch[batch.length - 1]!.position;
          if (paused && queue.length < batchSize) {
            paused = false;
            subscription.resume();
          }
          yield batch;
          continue;
        }
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the subscription failed with, as it was
        if (failure !== undefined) throw failure;
        if (ended) throw new StoreUnavailableError('the server ended the subscription to $all');
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      stop.removeEventListener('abort', notify);
      await subscription.close().catch(() => undefined);
    }
  }

  async function headPosition(): Promise<LogPosition | null> {
    let from: LogPosition | 'end' = 'end';
    for (;;) {
      const start: LogPosition | 'end' = from;
      const records: LogRecord[] = await call(() => client.readAll({ from: start, maxCount: HEAD_SCAN, direction: 'backwards' }));
      for (const record of records) {
        if (record.position === undefined) continue;
        // Backwards reads include the record at `from` too.
        if (start !== 'end' && compareLogPositions(record.position, start) >= 0) continue;
        if (!record.streamName.startsWith('$') && isOurs(record)) return record.position;
      }
      const last: LogRecord | undefined = records[records.length - 1];
      if (records.length < HEAD_SCAN || last?.position === undefined) return null;
      from = last.position;
    }
  }

  return {
    appendToStream,
    readStream,
    readStreams,
    readAll,
    follow,
    headPosition,
    // The log's order is its commit order: nothing committed is unreadable.
    latestPosition: headPosition,
    async ping() {
      assertOpen();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new LogClientError('unavailable', `no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
        timer.unref();
      });
      const read = client.readAll({ from: 'end', maxCount: 1, direction: 'backwards' });
      // A read that fails after the timeout won must not surface as an unhandled rejection.
      read.catch(() => undefined);
      try {
        await Promise.race([read, timeout]);
      } catch (error) {
        throw new StoreUnavailableError(`event store unavailable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      heads.clear();
      await client.dispose();
    },
  };
}
