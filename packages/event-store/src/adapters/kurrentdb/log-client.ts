import type { JsonObject } from '../../event-store.js';
import type { LogPosition } from '../../log-position.js';

/*
 * What the KurrentDB event store needs from a client library, in our own
 * words. `kurrentdb-client.ts` implements it on the vendor's client and is the
 * only file that imports it: switching between `@kurrent/kurrentdb-client`
 * and `@eventstore/db-client` (same gRPC protocol, same concepts) rewrites that
 * one file and nothing else.
 */

/**
 * The state a stream must be in for an append to go through: `'no-stream'`,
 * or the revision (0-based) of its last event.
 */
export type ExpectedRevision = 'no-stream' | bigint;

/** An event as the server stores it, before we interpret data and metadata. */
export interface LogRecord {
  readonly streamName: string;
  /** 0 for the first event of a stream. */
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  /** Whether the server holds `data` as JSON (then parsed here) or as bytes. */
  readonly isJson: boolean;
  readonly data: unknown;
  /** Parsed JSON, raw bytes when it is not JSON, undefined when empty. */
  readonly metadata: unknown;
  /** Place in `$all`; servers before 22.6 leave it out of stream reads. */
  readonly position: LogPosition | undefined;
}

export interface LogEventToAppend {
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface LogSubscription {
  /** Stops delivering records until `resume` (backpressure while the reader catches up). */
  pause(): void;
  resume(): void;
  /** Ends the subscription on the server; no callback fires afterwards. */
  close(): Promise<void>;
}

export interface SubscribeToAllOptions {
  /** Delivers the records after this position ('start': from the beginning). */
  readonly after: LogPosition | 'start';
  readonly onRecord: (record: LogRecord) => void;
  readonly onError: (error: LogClientError) => void;
  /** The server ended the subscription without an error. */
  readonly onEnd: () => void;
}

/**
 * The client. Every method rejects with `LogClientError` only; reads and
 * subscriptions of `$all` leave out system events (`$`-prefixed types) on the
 * server.
 */
export interface LogClient {
  append(streamName: string, events: readonly LogEventToAppend[], expected: ExpectedRevision): Promise<void>;
  /** The stream's records from `from` on (inclusive); empty when the stream does not exist. */
  readStream(
    streamName: string,
    options: { readonly from: bigint | 'start' | 'end'; readonly maxCount: number; readonly direction: ReadDirection },
  ): Promise<LogRecord[]>;
  /** Records of `$all` from `from` on, INCLUSIVE of the record at `from` itself. */
  readAll(options: { readonly from: LogPosition | 'start' | 'end'; readonly maxCount: number; readonly direction: ReadDirection }): Promise<LogRecord[]>;
  subscribeToAll(options: SubscribeToAllOptions): LogSubscription;
  dispose(): Promise<void>;
}

/** Why a client call failed, as far as the event store cares. */
export type LogClientErrorKind =
  /** The stream was not in the expected state; nothing was appended. */
  | 'wrong-expected-version'
  /** Not reachable, timed out, not the leader, cancelled: retrying later may succeed. */
  | 'unavailable'
  /** The server refused the credentials or the ACL. */
  | 'access-denied'
  /** Deleted or tombstoned: nothing can be appended any more. */
  | 'stream-deleted'
  | 'other';

export class LogClientError extends Error {
  override readonly name = 'LogClientError';
  constructor(
    readonly kind: LogClientErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
