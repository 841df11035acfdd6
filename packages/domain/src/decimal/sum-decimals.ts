import { assertDecimal, POWERS_OF_TEN } from './parse-decimal.js';
import { rational, type Rational } from './rational.js';

/**
 * (a + b + …) / `divisor`, exactly, for decimal strings: what parsing each and
 * adding the fractions gives (a reduced fraction is unique), reduced once
 * instead of after every addition. Every value is scaled to the largest count
 * of decimals and added as an integer. Throws MALFORMED_DECIMAL, as
 * `parseDecimal` does, for a value that is not a decimal.
 */
export function sumDecimals(values: readonly string[], divisor = 1): Rational {
  if (!Number.isSafeInteger(divisor) || divisor < 1) throw new RangeError(`divisor must be a positive integer, got ${divisor}`);
  let scale = 0;
  for (const value of values) {
    assertDecimal(value);
    const point = value.indexOf('.');
    if (point >= 0) scale = Math.max(scale, value.length - point - 1);
  }
  let sum = 0n;
  for (const value of values) {
    const point = value.indexOf('.');
    if (point < 0) {
      sum += BigInt(value) * POWERS_OF_TEN[scale]!;
    } else {
      sum += BigInt(value.slice(0, point) + value.slice(point + 1)) * POWERS_OF_TEN[scale - (value.length - point - 1)]!;
    }
  }
  return rational(sum, POWERS_OF_TEN[scale]! * BigInt(divisor));
}
