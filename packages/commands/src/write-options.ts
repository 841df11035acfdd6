/** How a write relates to what the client last saw. */
export interface WriteOptions {
  /**
   * The stream version the client based its request on (HTTP `If-Match`).
   * When given, a stream that moved on fails with `ConcurrencyError` instead
   * of the command being decided again on the newer state.
   */
  readonly expectedVersion?: number;
}

/** What a command did. `appended` is 0 when the decider found nothing to change. */
export interface WriteResult {
  readonly streamName: string;
  /** The stream's version after the command: the ETag a client sends back. */
  readonly version: number;
  readonly appended: number;
  /** `"<commit>:<prepare>"` of the last appended event; null when nothing was appended. */
  readonly position: string | null;
}
