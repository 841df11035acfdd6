import type { Rational } from './rational.js';

function assertDecimalPlaces(decimals: number): void {
  // A count of digits is chosen by code, not by a user: a bad one is a bug.
  if (!Number.isSafeInteger(decimals) || decimals < 0) {
    throw new RangeError(`decimals must be a non-negative integer, got ${decimals}`);
  }
}

function withPoint(digits: bigint, decimals: number): string {
  if (decimals === 0) return digits.toString();
  const padded = digits.toString().padStart(decimals + 1, '0');
  return `${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

/**
 * Rounds for display only: half-up, ties away from zero (99.95 → "100.0",
 * 0.25 → "0.3"), the way a person rounds by hand and the way the published
 * reports read. A value that rounds to zero prints without a sign.
 */
export function formatRationalHalfUp(r: Rational, decimals: number): string {
  assertDecimalPlaces(decimals);
  const negative = r.numerator < 0n;
  const magnitude = negative ? -r.numerator : r.numerator;
  const scaled = magnitude * 10n ** BigInt(decimals);
  let rounded = scaled / r.denominator;
  if (2n * (scaled % r.denominator) >= r.denominator) rounded += 1n;
  const sign = negative && rounded !== 0n ? '-' : '';
  return sign + withPoint(rounded, decimals);
}

/**
 * The value with no rounding at all: a finite decimal when one exists
 * (denominator made only of 2s and 5s), otherwise the fraction "n/d".
 */
export function rationalToExactString(r: Rational): string {
  if (r.denominator === 1n) return r.numerator.toString();
  let rest = r.denominator;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos += 1;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives += 1;
  }
  if (rest !== 1n) return `${r.numerator}/${r.denominator}`;
  const decimals = Math.max(twos, fives);
  const scaled = (r.numerator * 10n ** BigInt(decimals)) / r.denominator;
  const negative = scaled < 0n;
  return (negative ? '-' : '') + withPoint(negative ? -scaled : scaled, decimals);
}
