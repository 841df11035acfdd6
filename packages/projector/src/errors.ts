import { formatLogPosition, type LogPosition } from '@semaforo/event-store';

/** Every code of the projector's errors: what the API's message table must cover. */
export const PROJECTOR_ERROR_CODES = [
  /** `asOf` is neither a log position nor an ISO-8601 instant with a time zone. */
  'INVALID_AS_OF',
  /** `asOf` is past what the read model holds: a position beyond its checkpoint, or an instant still to come. */
  'AS_OF_NOT_YET_PROJECTED',
  /** No version of the projection is live (never run yet, or rebuilding in place). Retry later. */
  'PROJECTION_NOT_LIVE',
  /** Another runner holds the projection version (rebuild refuses to wait for it). */
  'PROJECTION_BUSY',
  /** A projection's handler failed on an event; see `event`. */
  'PROJECTION_FAILED',
] as const;

export type ProjectorErrorCode = (typeof PROJECTOR_ERROR_CODES)[number];

/** Errors of the projector, in our own terms: callers branch on `code`. */
export class ProjectorError extends Error {
  override readonly name: string = 'ProjectorError';
  readonly code: ProjectorErrorCode;

  constructor(code: ProjectorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** What names an event in logs and errors. */
export interface FailedEvent {
  readonly position: string;
  readonly type: string;
  readonly streamName: string;
  readonly streamVersion: number;
}

/**
 * A projection's `apply` threw. `event` is the event it failed on when the
 * runner could single it out (it re-applies the batch one event at a time in
 * a transaction it then rolls back); otherwise `batch` says which range failed.
 */
export class ProjectionApplyError extends ProjectorError {
  override readonly name: string = 'ProjectionApplyError';
  readonly projection: string;
  readonly version: number;
  readonly event?: FailedEvent;
  readonly batch: { readonly from: string; readonly to: string; readonly events: number };

  constructor(
    projection: { readonly name: string; readonly version: number },
    details: { event?: FailedEvent; batch: { from: LogPosition; to: LogPosition; events: number }; cause: unknown },
  ) {
    const why = details.cause instanceof Error ? details.cause.message : String(details.cause);
    const where =
      details.event === undefined
        ? `a batch of ${details.batch.events} events from ${formatLogPosition(details.batch.from)} to ${formatLogPosition(details.batch.to)}`
        : `event ${details.event.type} at ${details.event.position} (stream ${details.event.streamName} v${details.event.streamVersion})`;
    super('PROJECTION_FAILED', `projection ${projection.name} v${projection.version} failed on ${where}: ${why}`, { cause: details.cause });
    this.projection = projection.name;
    this.version = projection.version;
    if (details.event !== undefined) this.event = details.event;
    this.batch = { from: formatLogPosition(details.batch.from), to: formatLogPosition(details.batch.to), events: details.batch.events };
  }
}
