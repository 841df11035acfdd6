import { DomainError } from '../shared/domain-error.js';
import { DECIMAL_PATTERN, DECIMAL_STRING_MESSAGE } from './decimal-string.js';
import { compareRational, rational, ZERO, type Rational } from './rational.js';
import { greatestCommonDivisor } from './greatest-common-divisor.js';

/** 10^0 … 10^15, written out: each is an exact double. */
export const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export function parseDecimal(value: string): Rational {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) {
    throw new DomainError('MALFORMED_DECIMAL', `${JSON.stringify(value) ?? String(value)} ${DECIMAL_STRING_MESSAGE}`, {
      value,
    });
  }
  const point = value.indexOf('.');
  const scale = point < 0 ? 0 : value.length - point - 1;
  // Up to 15 digits the value and 10^scale are exact doubles, and reducing them there
  // avoids most BigInt work: an evaluation parses every target and result it counts.
  if (value.length - (point < 0 ? 0 : 1) <= 15) {
    const digits = Number(point < 0 ? value : value.slice(0, point) + value.slice(point + 1));
    if (digits === 0) return ZERO;
    const denominator = POWERS_OF_TEN[scale]!;
    const divisor = greatestCommonDivisor(digits, denominator);
    return { numerator: BigInt(digits / divisor), denominator: BigInt(denominator / divisor) };
  }
  return rational(BigInt(point < 0 ? value : value.slice(0, point) + value.slice(point + 1)), 10n ** BigInt(scale));
}

/** "1.50" and "1.5" are the same value: compare values, never spellings. */
export function decimalEquals(a: string, b: string): boolean {
  return compareRational(parseDecimal(a), parseDecimal(b)) === 0;
}
