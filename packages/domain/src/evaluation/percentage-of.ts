import { formatPercent } from '../compliance/index.js';
import { rational, rationalToExactString } from '../decimal/index.js';
import type { Percentage } from './evaluation.js';

/** `part` of `whole` as an exact percentage; null for a share of nothing rather than a division by zero. */
export function percentageOf(part: number, whole: number, decimals: number): Percentage | null {
  if (whole === 0) return null;
  const percent = rational(BigInt(part) * 100n, BigInt(whole));
  return { exact: rationalToExactString(percent), display: formatPercent(percent, decimals) };
}
