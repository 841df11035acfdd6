/**
 * Errors the database reported, in our own terms: callers branch on the
 * SQLSTATE and the constraint name, never on a driver's error class.
 */
export class SqlError extends Error {
  override readonly name: string = 'SqlError';
  /** The SQLSTATE, e.g. '23505' for a unique violation. */
  readonly code: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly detail?: string;

  constructor(message: string, details: { code: string; constraint?: string; table?: string; detail?: string; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    if (details.constraint !== undefined) this.constraint = details.constraint;
    if (details.table !== undefined) this.table = details.table;
    if (details.detail !== undefined) this.detail = details.detail;
  }
}

/** The database cannot be reached, refused the session, or was shut down or closed. */
export class SqlUnavailableError extends Error {
  override readonly name: string = 'SqlUnavailableError';
  /** A SQLSTATE or a system error code (ECONNREFUSED, ...) when one was given. */
  readonly code?: string;

  constructor(message: string, details: { code?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.code !== undefined) this.code = details.code;
  }
}

export const UNIQUE_VIOLATION = '23505';

const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

// SQLSTATEs that say "the server is not there for you", not "your statement is wrong":
// class 08 (connection exception), admin/crash shutdown, cannot connect now,
// too many connections.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

// Drivers report these states only through messages (pg, pg-pool and PGlite).
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|not queryable|PGlite is closed|Client was closed/i;

const SQLSTATE = /^[0-9A-Z]{5}$/;

function stringField(value: object, key: string): string | undefined {
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/**
 * Turns whatever a driver threw into `SqlError` or `SqlUnavailableError`.
 * Anything else (a TypeError from our own code, say) is returned untouched.
 */
export function toSqlError(error: unknown): unknown {
  if (error instanceof SqlError || error instanceof SqlUnavailableError) return error;
  if (typeof error !== 'object' || error === null) return error;
  // A driver's error that is not an Error says what its own toString says, as it always has.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- see above
  const message = error instanceof Error ? error.message : String(error);
  const code = stringField(error, 'code');
  if (code !== undefined && (UNAVAILABLE_SYSTEM_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) {
    return new SqlUnavailableError(message, { code, cause: error });
  }
  // pg-pool reports a refused connection to a host with several addresses as
  // an AggregateError without a code of its own.
  if (error instanceof AggregateError && error.errors.some((inner) => toSqlError(inner) instanceof SqlUnavailableError)) {
    return new SqlUnavailableError(message || 'database unreachable', { cause: error });
  }
  if (code !== undefined && SQLSTATE.test(code)) {
    const details: { code: string; constraint?: string; table?: string; detail?: string; cause: unknown } = { code, cause: error };
    const constraint = stringField(error, 'constraint');
    const table = stringField(error, 'table');
    const detail = stringField(error, 'detail');
    if (constraint !== undefined) details.constraint = constraint;
    if (table !== undefined) details.table = table;
    if (detail !== undefined) details.detail = detail;
    return new SqlError(message, details);
  }
  if (UNAVAILABLE_MESSAGES.test(message)) return new SqlUnavailableError(message, { cause: error });
  return error;
}

export function isUniqueViolation(error: unknown, constraint?: string): error is SqlError {
  return error instanceof SqlError && error.code === UNIQUE_VIOLATION && (constraint === undefined || error.constraint === constraint);
}
