import { DomainError, type DomainErrorCode } from '@semaforo/domain';
import { ConcurrencyError, StoreUnavailableError } from '@semaforo/event-store';
import type { ProblemErrorHandlerOptions } from '@semaforo/http';
import type { ProjectorErrorCode } from '@semaforo/projector';
import { SqlUnavailableError } from '@semaforo/sql';
import { fieldMessages, problemMessages } from './problem-messages.js';

/**
 * How a rule of the domain saying no answers over HTTP. Codes not listed
 * answer 422 (see `DomainError` below): the request was understood and
 * breaks a rule. Listed here:
 * - 400 for values that are malformed whatever the state (a ratio with a
 *   numerator and no denominator is wrong in any plan),
 * - 404 for what the URL names and does not exist,
 * - 409 for a clash with what already exists,
 * - 422 for a request that is well formed but breaks a rule given what the
 *   plan holds (listed although 422 is the default, so that this table says
 *   what every command route can answer).
 */
const DOMAIN_CODES = {
  MALFORMED_DECIMAL: 400,
  INVALID_PERIOD: 400,
  INVALID_EVALUATION_SCALE: 400,
  INCOMPLETE_RATIO: 400,
  NOTHING_TO_CHANGE: 400,
  INVALID_PLAUSIBILITY_RULES: 400,
  PLAN_NOT_FOUND: 404,
  INDICATOR_NOT_FOUND: 404,
  UNIT_NOT_FOUND: 404,
  PERSPECTIVE_NOT_FOUND: 404,
  PLAN_ALREADY_OPENED: 409,
  DUPLICATE_PERSPECTIVE: 409,
  UNIT_ALREADY_DEFINED: 409,
  DUPLICATE_INDICATOR_CODE: 409,
  INDICATOR_RETIRED: 409,
  PERIODICITY_LOCKED: 409,
  PERIOD_LOCKED: 409,
  DATA_ENTRY_CLOSED: 409,
  UNIT_PERIOD_NOT_SUBMITTED: 409,
  UNIT_PERIOD_APPROVED: 409,
  UNIT_PERIOD_NOT_APPROVED: 409,
  CHILD_UNITS_NOT_APPROVED: 409,
  PARENT_UNIT_APPROVED: 409,
  UNIT_RETIRED: 409,
  PERSPECTIVE_RETIRED: 409,
  UNIT_HAS_ACTIVE_UNITS: 409,
  UNKNOWN_PERSPECTIVE: 422,
  UNKNOWN_UNIT: 422,
  UNKNOWN_PARENT_UNIT: 422,
  PARENT_UNIT_RETIRED: 422,
  UNIT_MOVE_CYCLE: 422,
  PERIOD_OUTSIDE_PLAN_YEAR: 422,
  PERIOD_NOT_OF_PERIODICITY: 422,
  REASON_REQUIRED: 422,
  IMPLAUSIBLE_RESULT: 422,
  TOKEN_NOT_FOUND: 404,
  TOKEN_ALREADY_ISSUED: 409,
  LAST_ADMIN_TOKEN: 409,
  EDITION_NOT_FOUND: 404,
  EDITION_UNCHANGED: 409,
  UNAPPROVED_UNITS: 409,
  // The read model regenerated an edition that does not match its recorded digest: ours to fix, never the client's.
  EDITION_CONTENT_MISMATCH: 500,
} satisfies Partial<Record<DomainErrorCode, number>>;

/**
 * How a read model refuses an `asOf`, for every read route: malformed (400),
 * not applied yet (409: retry shortly), or no version live (503, with
 * `Retry-After` as every 503). The projector's other codes come from its
 * runner, never from a read: one reaching a route is ours, a 500.
 */
const PROJECTOR_CODES = {
  INVALID_AS_OF: 400,
  AS_OF_NOT_YET_PROJECTED: 409,
  PROJECTION_NOT_LIVE: 503,
} satisfies Partial<Record<ProjectorErrorCode, number>>;

export const problemMappings: ProblemErrorHandlerOptions = {
  codes: { ...DOMAIN_CODES, ...PROJECTOR_CODES },
  errorClasses: [
    [
      ConcurrencyError,
      {
        status: 412,
        code: 'PRECONDITION_FAILED',
        detail: 'The resource changed while your request was processed. Read it again and retry with its new ETag.',
      },
    ],
    [StoreUnavailableError, { status: 503, code: 'STORE_UNAVAILABLE', detail: 'The event store is not answering. Retry in a few seconds.' }],
    // The same database, met through the SQL client rather than the event
    // store: idempotency keys and the read models. Down is down: 503, not 500.
    [
      SqlUnavailableError,
      { status: 503, code: 'STORE_UNAVAILABLE', detail: 'The database is not answering. Retry in a few seconds.', params: { database: true } },
    ],
    [DomainError, { status: 422 }],
  ],
  retryAfterSeconds: 5,
  messages: problemMessages,
  fieldMessages,
};
