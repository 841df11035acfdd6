import { z } from 'zod';

/**
 * How a bound of a scale travels: a non-negative decimal written as a string.
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

/**
 * How a target or a result travels: `DECIMAL_PATTERN` with an optional leading
 * minus (financial gaps and growth rates go below zero). `+1` is refused and so
 * is a negative zero (`-0`, `-0.00`): zero keeps the spellings it had. The zero
 * is a check of its own rather than a lookahead in the pattern, so that the
 * pattern stays one that every JSON Schema tool (and fast-check) can read.
 */
export const SIGNED_DECIMAL_PATTERN = /^-?\d{1,20}(?:\.\d{1,10})?$/;

const NEGATIVE_ZERO = /^-0+(?:\.0+)?$/;

export const SIGNED_DECIMAL_STRING_MESSAGE = 'must be a decimal written as a string, e.g. "12.5" or "-375123611"';

export function isSignedDecimalString(value: unknown): value is string {
  return typeof value === 'string' && SIGNED_DECIMAL_PATTERN.test(value) && !NEGATIVE_ZERO.test(value);
}

export const signedDecimalStringSchema = z
  .string()
  .regex(SIGNED_DECIMAL_PATTERN, { error: SIGNED_DECIMAL_STRING_MESSAGE })
  .refine((value) => !NEGATIVE_ZERO.test(value), { error: SIGNED_DECIMAL_STRING_MESSAGE });
