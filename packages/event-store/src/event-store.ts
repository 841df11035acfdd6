import type { LogPosition } from './log-position.js';

/** A JSON value as stored in an event's data or metadata. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Where a change came from. */
export type EventSource = 'api' | 'import' | 'cli';

/**
 * What every stored event records about the change that produced it. The
 * command handler fills it from the command's metadata: the store never reads
 * the clock or invents ids.
 */
export interface EventMetadata {
  readonly actor: { readonly id: string; readonly role?: string };
  readonly source: EventSource;
  readonly requestId: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** ISO-8601 instant, from the command's clock. */
  readonly recordedAt: string;
  /** Why, when the command carried a reason. */
  readonly reason?: string;
  /**
   * The W3C `traceparent` of the request that wrote it, only while the writer
   * traces (OTEL_EXPORTER_OTLP_ENDPOINT): the projector's batch links its span
   * to it, so a trace shows a write reaching the read models.
   */
  readonly traceparent?: string;
}

export interface EventToAppend {
  /** Unique across the whole log; an append retried with the same ids is a no-op. */
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends EventToAppend {
  readonly streamName: string;
  /** 1 for the first event of a stream. */
  readonly streamVersion: number;
  /** Where the event stands in the whole log. */
  readonly position: LogPosition;
  /** Hex SHA-256 over `previousHash` and the event's canonical JSON. */
  readonly hash: string;
  /** Hash of the stream's previous event; 64 zeros for the first one. */
  readonly previousHash: string;
}

export interface AppendResult {
  /** The stream's version after the append: the value to expect next time. */
  readonly nextExpectedVersion: number;
  /** Position of the last appended event. */
  readonly position: LogPosition;
}

export interface ReadStreamOptions {
  /** Only events with a version greater than this. */
  readonly afterVersion?: number;
}

export interface ReadStreamResult {
  /** The stream's version: 0 when it has no event. */
  readonly version: number;
  readonly events: readonly RecordedEvent[];
}

/** One stream of a `readStreams` call. */
export interface StreamRead extends ReadStreamOptions {
  readonly streamName: string;
}

export interface ReadAllOptions {
  /** Only events after this position; from the start of the log when absent. */
  readonly after?: LogPosition;
  /** At most this many events (default 1,000). */
  readonly limit?: number;
}

/** A stream a guarded append is conditional on, at the version the caller decided on. */
export interface AppendGuard {
  readonly streamName: string;
  /** The guard stream's version the decision read (0: it had no event). */
  readonly version: number;
}

export interface AppendOptions {
  /** The stream version the caller decided on (0: the stream must not exist yet). */
  readonly expectedVersion: number;
  /**
   * Other streams the decision read (an indicator write reads its plan's
   * sign-off): the append lands only if each is still at the version given,
   * checked atomically with the append, else `ConcurrencyError` naming the
   * guard stream and nothing is appended.
   */
  readonly guards?: readonly AppendGuard[];
  /**
   * This stream is one that others guard on: while this append commits, no
   * guarded append naming it can check it and land, and it waits for those
   * already checking. Together, a guarded append either commits before the
   * fenced one or sees it.
   */
  readonly fence?: boolean;
}

/**
 * The log, narrowed to what the product needs, so that PostgreSQL, PGlite
 * and EventStoreDB/KurrentDB fit behind it.
 */
export interface EventStore {
  /**
   * Appends atomically. `expectedVersion` is the stream version the caller
   * decided on (0: the stream must not exist yet). A mismatch throws
   * `ConcurrencyError` and appends nothing. `guards` and `fence`: see
   * `AppendOptions`; a store that cannot honour them atomically says so in
   * its documentation (KurrentDB).
   */
  appendToStream(streamName: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  /**
   * Many streams at once, each as `readStream` would answer it (results in
   * the order of `reads`): for a caller about to decide on hundreds of
   * streams (an import), one round trip instead of one per stream. A stream
   * may be named once per call.
   */
  readStreams(reads: readonly StreamRead[]): Promise<ReadStreamResult[]>;
  /**
   * Reads the whole log in order. Never returns an event while an event that
   * will sort before it may still become visible, so a reader that resumes
   * after the last position it saw misses nothing.
   */
  readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]>;
  /** Follows the log from a position: yields batches as they become readable, until the signal aborts. */
  follow(options: { readonly after?: LogPosition; readonly signal: AbortSignal; readonly batchSize?: number }): AsyncIterable<readonly RecordedEvent[]>;
  /** Position of the last readable event, or null for an empty log. */
  headPosition(): Promise<LogPosition | null>;
  /**
   * Position of the last committed event, or null for an empty log: past
   * `headPosition()` while a transaction that may still write before it is
   * open (PostgreSQL), and readable as soon as that one ends. A target to
   * wait for (a reader that must see every write made before it asked),
   * never a place to resume reading from.
   */
  latestPosition(): Promise<LogPosition | null>;
  /** Resolves when the store answers; throws `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  readonly streamName: string;
  readonly events: readonly EventToAppend[];
  /** As for `appendToStream`: the stream's version before these events (0: it must not exist yet). */
  readonly expectedVersion: number;
  /** As `AppendOptions.fence`, for this stream: guarded appends naming it either commit before this call or see it. */
  readonly fence?: boolean;
}

export interface MultiStreamAppendOptions {
  /**
   * As `AppendOptions.guards`, for the whole call (it is all or nothing):
   * every guard stream still at the version given, checked atomically with
   * the append, else `ConcurrencyError` naming the guard stream and nothing
   * is appended. A guard stream cannot be one of the appended streams.
   */
  readonly guards?: readonly AppendGuard[];
}

/**
 * A capability of the SQL store, not of every store: bulk writes (imports,
 * migrations) append to many streams in one round trip instead of one per
 * stream. It is not on `EventStore` because a store that cannot make it
 * atomic (KurrentDB before multi-stream appends) should not pretend to; use
 * `canAppendToStreams(store)` and fall back to `appendToStream` per stream.
 */
export interface MultiStreamAppender {
  /**
   * Appends to every stream atomically: each stream's expected version is
   * checked, and if any does not match, `ConcurrencyError` (naming the first
   * such stream) is thrown and nothing is appended. Events enter the log in
   * the order given. A stream may appear once per call. Retrying a call that
   * succeeded (same event ids, same content) returns the same results and
   * appends nothing. Results are in the order of `appends`. `guards` and
   * `fence`: as for `appendToStream` (see `MultiStreamAppendOptions`).
   */
  appendToStreams(appends: readonly StreamAppend[], options?: MultiStreamAppendOptions): Promise<AppendResult[]>;
}

export function canAppendToStreams(store: EventStore): store is EventStore & MultiStreamAppender {
  return typeof (store as Partial<MultiStreamAppender>).appendToStreams === 'function';
}
