import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { LogPosition } from '../../log-position.js';
import {
  LogClientError,
  type ExpectedRevision,
  type LogClient,
  type LogClientErrorKind,
  type LogEventToAppend,
  type LogRecord,
  type LogSubscription,
  type ReadDirection,
  type SubscribeToAllOptions,
} from './log-client.js';

/*
 * THE one file that imports the vendor's client (`@kurrent/kurrentdb-client`,
 * the maintained successor of `@eventstore/db-client`). Nothing of its types
 * leaves this file: callers get `LogClient`, `LogRecord` and `LogClientError`.
 * APIs used, as documented by the client and exercised by its own tests:
 * `KurrentDBClient.connectionString`, `appendToStream(name, jsonEvent[], { streamState })`,
 * `readStream`, `readAll` and `subscribeToAll` with `excludeSystemEvents()`,
 * `WrongExpectedVersionError` (matched on its `type`), `dispose`.
 */

/**
 * The `esdb://` scheme still works with this client but logs a deprecation
 * warning on every connection: hand it the `kurrentdb://` spelling instead.
 */
export function normalizeConnectionString(connectionString: string): string {
  return connectionString.trim().replace(/^esdb(\+discover)?:\/\//i, (_, discover: string | undefined) => `kurrentdb${discover ?? ''}://`);
}

const UNAVAILABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'cancelled']);
const UNAVAILABLE_NAMES = new Set(['UnavailableError', 'DeadlineExceededError', 'NotLeaderError', 'TimeoutError']);
// gRPC status codes, for errors the client passes through unconverted
// (seen: a refused connection during an append is a bare `{ code: 14 }`).
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_PERMISSION_DENIED = 7;
const GRPC_UNAVAILABLE = 14;
const GRPC_UNAUTHENTICATED = 16;

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/**
 * Sorts what the client threw. The client's own errors carry a `type` from
 * its `ErrorType` enum; errors from its native read path carry only a `name`;
 * some transport errors only a gRPC `code`.
 */
export function classifyClientError(error: unknown): LogClientErrorKind {
  const type = field(error, 'type');
  if (type === 'wrong-expected-version') return 'wrong-expected-version';
  if (typeof type === 'string' && UNAVAILABLE_TYPES.has(type)) return 'unavailable';
  if (type === 'access-denied') return 'access-denied';
  if (type === 'stream-deleted' || type === 'stream-tombstoned') return 'stream-deleted';
  const code = field(error, 'code');
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED || code === GRPC_CANCELLED) return 'unavailable';
  if (code === GRPC_UNAUTHENTICATED || code === GRPC_PERMISSION_DENIED) return 'access-denied';
  const name = field(error, 'name');
  if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return 'unavailable';
  return 'other';
}

export function isStreamNotFound(error: unknown): boolean {
  return field(error, 'type') === 'stream-not-found' || field(error, 'name') === 'StreamNotFoundError';
}

function clientError(error: unknown, doing: string): LogClientError {
  if (error instanceof LogClientError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LogClientError(classifyClientError(error), `${doing}: ${message}`, { cause: error });
}

function toPosition(position: { commit?: bigint | undefined; prepare?: bigint | undefined } | undefined): LogPosition | undefined {
  if (position === undefined || typeof position.commit !== 'bigint' || typeof position.prepare !== 'bigint') return undefined;
  return { commit: position.commit, prepare: position.prepare };
}

/** A resolved event as a LogRecord; null for a link whose target is gone. */
function toRecord(resolved: ResolvedEvent | AllStreamResolvedEvent): LogRecord | null {
  const event = resolved.event;
  if (event === undefined) return null;
  return {
    streamName: event.streamId,
    revision: event.revision,
    eventId: event.id.toLowerCase(),
    type: event.type,
    isJson: event.isJson,
    data: event.data,
    metadata: event.metadata,
    position: toPosition(event.position),
  };
}

const direction = (value: ReadDirection) => (value === 'forwards' ? FORWARDS : BACKWARDS);

async function collect(iterable: AsyncIterable<ResolvedEvent | AllStreamResolvedEvent>): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  for await (const resolved of iterable) {
    const record = toRecord(resolved);
    if (record !== null) records.push(record);
  }
  return records;
}

/**
 * A LogClient on `@kurrent/kurrentdb-client`. Connects lazily: a bad host
 * shows on the first call, a malformed connection string at once.
 */
export function createKurrentDbLogClient(connectionString: string): LogClient {
  let client: KurrentDBClient;
  try {
    client = KurrentDBClient.connectionString(normalizeConnectionString(connectionString));
  } catch (error) {
    throw new LogClientError('other', `invalid KurrentDB connection string: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  return {
    async append(streamName: string, events: readonly LogEventToAppend[], expected: ExpectedRevision): Promise<void> {
      try {
        await client.appendToStream(
          streamName,
          events.map((event) => jsonEvent({ id: event.eventId, type: event.type, data: event.data, metadata: event.metadata })),
          // The client's own name for it; `@eventstore/db-client` calls it `expectedRevision`.
          { streamState: expected === 'no-stream' ? NO_STREAM : expected, requiresLeader: true },
        );
      } catch (error) {
        throw clientError(error, `append to ${streamName}`);
      }
    },

    async readStream(streamName, options): Promise<LogRecord[]> {
      try {
        return await collect(
          client.readStream(streamName, {
            fromRevision: options.from === 'start' ? START : options.from === 'end' ? END : options.from,
            maxCount: options.maxCount,
            direction: direction(options.direction),
            // Reads that decide an append must see the latest write.
            requiresLeader: true,
          }),
        );
      } catch (error) {
        if (isStreamNotFound(error)) return [];
        throw clientError(error, `read ${streamName}`);
      }
    },

    async readAll(options): Promise<LogRecord[]> {
      try {
        return await collect(
          client.readAll({
            fromPosition: options.from === 'start' ? START : options.from === 'end' ? END : options.from,
            maxCount: options.maxCount,
            direction: direction(options.direction),
            filter: excludeSystemEvents(),
          }),
        );
      } catch (error) {
        throw clientError(error, 'read $all');
      }
    },

    subscribeToAll(options: SubscribeToAllOptions): LogSubscription {
      let closed = false;
      const subscription = client.subscribeToAll({
        fromPosition: options.after === 'start' ? START : options.after,
        filter: excludeSystemEvents(),
      });
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        if (closed) return;
        const record = toRecord(resolved);
        if (record !== null) options.onRecord(record);
      });
      // Keep a listener even after close: an 'error' event with none would crash the process.
      subscription.on('error', (error: Error) => {
        if (!closed) options.onError(clientError(error, 'subscription to $all'));
      });
      subscription.on('end', () => {
        if (!closed) options.onEnd();
      });
      return {
        pause: () => void subscription.pause(),
        resume: () => void subscription.resume(),
        async close() {
          if (closed) return;
          closed = true;
          try {
            await subscription.unsubscribe();
          } finally {
            subscription.destroy();
          }
        },
      };
    },

    async dispose(): Promise<void> {
      await client.dispose();
    },
  };
}
