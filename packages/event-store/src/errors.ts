/**
 * Errors of the event store, whatever database is behind it. Callers branch
 * on the class or on `code`; the driver's error, when there was one, is the
 * `cause` (for logs only).
 */
export type EventStoreErrorCode = 'CONCURRENCY' | 'STORE_UNAVAILABLE' | 'EVENT_ID_REUSED' | 'INVALID_ARGUMENT' | 'DATABASE_ERROR';

export class EventStoreError extends Error {
  override readonly name: string = 'EventStoreError';
  readonly code: EventStoreErrorCode;

  constructor(code: EventStoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** The stream was not at the expected version; nothing was appended. */
export class ConcurrencyError extends EventStoreError {
  override readonly name: string = 'ConcurrencyError';
  readonly streamName: string;
  readonly expectedVersion: number;
  /** The stream's version when the conflict was detected, when known. */
  readonly actualVersion?: number;

  constructor(streamName: string, expectedVersion: number, actualVersion?: number) {
    super(
      'CONCURRENCY',
      actualVersion === undefined
        ? `stream ${streamName} is not at version ${expectedVersion}`
        : `stream ${streamName} is at version ${actualVersion}, not at the expected ${expectedVersion}`,
    );
    this.streamName = streamName;
    this.expectedVersion = expectedVersion;
    if (actualVersion !== undefined) this.actualVersion = actualVersion;
  }
}

/** The database cannot be reached, or the store was closed. Retrying later may succeed. */
export class StoreUnavailableError extends EventStoreError {
  override readonly name: string = 'StoreUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', message, options);
  }
}
