import { DomainError } from '../shared/domain-error.js';
import { isSignedDecimalString, SIGNED_DECIMAL_STRING_MESSAGE } from './decimal-string.js';
import { compareRational, rational, type Rational } from './rational.js';

/** 10^0 … 10^10 (a decimal has at most ten decimals, SIGNED_DECIMAL_PATTERN): built once, not per value. */
export const POWERS_OF_TEN: readonly bigint[] = Array.from({ length: 11 }, (_, exponent) => 10n ** BigInt(exponent));

/** Throws MALFORMED_DECIMAL unless `value` is a (signed) decimal string: the check of `parseDecimal`, for callers that parse later or differently. */
export function assertDecimal(value: string): void {
  if (!isSignedDecimalString(value)) {
    throw new DomainError('MALFORMED_DECIMAL', `${JSON.stringify(value) ?? String(value)} ${SIGNED_DECIMAL_STRING_MESSAGE}`, {
      value,
    });
  }
}

/** A signed decimal string as an exact fraction: `BigInt` takes the sign with the digits ("-1.5" → -15/10). */
export function parseDecimal(value: string): Rational {
  assertDecimal(value);
  const point = value.indexOf('.');
  if (point < 0) return rational(BigInt(value), 1n);
  return rational(BigInt(value.slice(0, point) + value.slice(point + 1)), POWERS_OF_TEN[value.length - point - 1]!);
}

/** "1.50" and "1.5" are the same value: compare values, never spellings. */
export function decimalEquals(a: string, b: string): boolean {
  return compareRational(parseDecimal(a), parseDecimal(b)) === 0;
}
