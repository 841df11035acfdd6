import { formatRationalHalfUp, type Rational } from '../decimal/index.js';

/** For display only (half-up): statuses are decided on the exact value, never on this string. */
export function formatPercent(percent: Rational, decimals = 1): string {
  return formatRationalHalfUp(percent, decimals);
}
