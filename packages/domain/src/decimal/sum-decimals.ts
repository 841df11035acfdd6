import { isDecimalString } from './decimal-string.js';
import { parseDecimal, POWERS_OF_TEN } from './parse-decimal.js';
import { rational, ZERO, type Rational } from './rational.js';
import { greatestCommonDivisor } from './greatest-common-divisor.js';

/**
 * (a + b + …) / `divisor`, exactly, for decimal strings: what parsing each and
 * adding the fractions gives (a reduced fraction is unique), without a BigInt
 * fraction per value and per addition. Every value is scaled to the largest
 * count of decimals and added as an integer: in doubles while the sum stays
 * a safe integer (below 2^53 every integer is exact, and a sum that would
 * pass it is no longer safe, so it is noticed), in BigInt after. Throws
 * MALFORMED_DECIMAL, as `parseDecimal` does, for a value that is not a decimal.
 */
export function sumDecimals(values: readonly string[], divisor = 1): Rational {
  if (!Number.isSafeInteger(divisor) || divisor < 1) throw new RangeError(`divisor must be a positive integer, got ${divisor}`);
  let scale = 0;
  for (const value of values) {
    // Refused as parsing refuses it (MALFORMED_DECIMAL): parseDecimal throws.
    if (!isDecimalString(value)) parseDecimal(value);
    const point = value.indexOf('.');
    if (point >= 0) scale = Math.max(scale, value.length - point - 1);
  }
  let small = 0;
  let big: bigint | null = null;
  for (const value of values) {
    const point = value.indexOf('.');
    const shift = scale - (point < 0 ? 0 : value.length - point - 1);
    const digits = point < 0 ? value : value.slice(0, point) + value.slice(point + 1);
    if (big === null && digits.length + shift <= 15) {
      const next = small + Number(digits) * POWERS_OF_TEN[shift]!;
      if (Number.isSafeInteger(next)) {
        small = next;
        continue;
      }
    }
    big = (big ?? BigInt(small)) + BigInt(digits) * 10n ** BigInt(shift);
  }
  if (big === null) {
    if (small === 0) return ZERO;
    const denominator = POWERS_OF_TEN[scale]! * divisor;
    if (Number.isSafeInteger(denominator)) {
      const common = greatestCommonDivisor(small, denominator);
      return { numerator: BigInt(small / common), denominator: BigInt(denominator / common) };
    }
  }
  return rational(big ?? BigInt(small), 10n ** BigInt(scale) * BigInt(divisor));
}
