import type { ProblemFieldError } from './problem-details.js';

export interface HttpProblemOptions {
  /** Field-level errors, for requests a client must correct field by field. */
  readonly errors?: readonly ProblemFieldError[];
  /** What a person needs to fix the request; must never carry internals. */
  readonly details?: Readonly<Record<string, unknown>>;
  /**
   * Facts the code's message templates interpolate that are not sent in
   * `details` (see `problem-messages.ts`); never sent as they are.
   */
  readonly params?: Readonly<Record<string, unknown>>;
  /** For 503 and 429: seconds to wait before retrying (sent as `Retry-After`). */
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

/**
 * An error that already knows its HTTP answer. Throw it from a route or a
 * helper when the HTTP layer itself decides (a precondition, a missing
 * resource); domain rules throw their own errors, mapped by code.
 *
 * `detail` is the English text, sent as written only when the code has no
 * entry in the message table (`problem-messages.ts`, the app's): say what
 * happened and what to do, and give the table's templates their `params`.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly errors: readonly ProblemFieldError[] | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly params: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    options: HttpProblemOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.errors = options.errors;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.params = options.params;
  }
}
