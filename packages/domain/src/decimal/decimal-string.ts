import { z } from 'zod';

/**
 * How every quantity travels: a non-negative decimal written as a string.
 * Strings, not numbers, so that "0.1" is exactly one tenth from the client to
 * the database and back. The bounds (20 integer digits, 10 fraction digits)
 * fit a NUMERIC(30,10) column and keep the exact arithmetic cheap. `.5` and
 * `5.` are refused so that one value has few spellings to compare.
 */
export const DECIMAL_PATTERN = /^\d{1,20}(?:\.\d{1,10})?$/;

export const DECIMAL_STRING_MESSAGE = 'must be a non-negative decimal written as a string, e.g. "12.5"';

export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_PATTERN.test(value);
}

export const decimalStringSchema = z.string().regex(DECIMAL_PATTERN, { error: DECIMAL_STRING_MESSAGE });
