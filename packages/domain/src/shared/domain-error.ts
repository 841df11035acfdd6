/**
 * A rule of the domain said no. `code` is stable: clients branch on it, and
 * the HTTP layer maps it to a status. `details` says what a person needs to
 * fix the request.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    /** Facts for the translated messages (the API's problem messages) that are not part of `details`. */
    readonly params?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** Every code a rule of the domain can say no with: what the API's message table must cover. */
export const DOMAIN_ERROR_CODES = [
  // values
  'MALFORMED_DECIMAL',
  'DIVISION_BY_ZERO',
  'INVALID_PERIOD',
  'INVALID_EVALUATION_SCALE',
  // plan
  'PLAN_ALREADY_OPENED',
  'PLAN_NOT_FOUND',
  'DUPLICATE_PERSPECTIVE',
  'UNKNOWN_PERSPECTIVE',
  'UNIT_ALREADY_DEFINED',
  'UNKNOWN_UNIT',
  'UNKNOWN_PARENT_UNIT',
  'UNIT_NOT_FOUND',
  'PERSPECTIVE_NOT_FOUND',
  'UNIT_RETIRED',
  'PERSPECTIVE_RETIRED',
  'PARENT_UNIT_RETIRED',
  'UNIT_MOVE_CYCLE',
  'UNIT_HAS_ACTIVE_UNITS',
  // indicator
  'DUPLICATE_INDICATOR_CODE',
  'INDICATOR_NOT_FOUND',
  'INDICATOR_RETIRED',
  'PERIOD_OUTSIDE_PLAN_YEAR',
  'PERIOD_NOT_OF_PERIODICITY',
  'PERIODICITY_LOCKED',
  'REASON_REQUIRED',
  'INCOMPLETE_RATIO',
  'NOTHING_TO_CHANGE',
  'NOT_A_PLAN_PERIOD',
  'PERIOD_LOCKED',
  'DATA_ENTRY_CLOSED',
  'IMPLAUSIBLE_RESULT',
  'INVALID_PLAUSIBILITY_RULES',
  // sign-off
  'UNIT_PERIOD_NOT_SUBMITTED',
  'UNIT_PERIOD_APPROVED',
  'UNIT_PERIOD_NOT_APPROVED',
  'CHILD_UNITS_NOT_APPROVED',
  'PARENT_UNIT_APPROVED',
  // access
  'TOKEN_ALREADY_ISSUED',
  'TOKEN_NOT_FOUND',
  'REPORTER_UNITS_REQUIRED',
  'UNITS_ONLY_FOR_REPORTER',
  'EXPIRY_NOT_IN_FUTURE',
  'LAST_ADMIN_TOKEN',
  // publication
  'EDITION_UNCHANGED',
  'UNAPPROVED_UNITS',
  'EDITION_NOT_FOUND',
  'EDITION_CONTENT_MISMATCH',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];
