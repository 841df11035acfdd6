import { parseDecimal, rational, sumDecimals, type Rational } from '../decimal/index.js';
import type { Accumulation } from './accumulation.js';

/**
 * The year-to-date value of the periods ending in a window, which callers
 * pass in period order: `sum` for counts, `last` for stocks and rates,
 * `average` for averages (the exact mean: 1, 1, 2 averages to 4/3, not
 * 1.3333). Null when no period has a value, so "nothing" is never "zero".
 */
export function accumulate(accumulation: Accumulation, values: readonly Rational[]): Rational | null {
  if (values.length === 0) return null;
  switch (accumulation) {
    case 'sum': {
      const [numerator, denominator] = sum(values);
      return rational(numerator, denominator);
    }
    case 'last':
      return values[values.length - 1] ?? null;
    case 'average': {
      const [numerator, denominator] = sum(values);
      return rational(numerator, denominator * BigInt(values.length));
    }
  }
}

/**
 * The exact sum as a fraction not yet reduced: reduced once by the caller
 * rather than after every addition (a reduced fraction is unique, so the
 * result is the same). Decimals mostly share a denominator, which keeps it small.
 */
function sum(values: readonly Rational[]): [bigint, bigint] {
  let numerator = 0n;
  let denominator = 1n;
  for (const value of values) {
    if (value.denominator === denominator) {
      numerator += value.numerator;
    } else {
      numerator = numerator * value.denominator + value.numerator * denominator;
      denominator *= value.denominator;
    }
  }
  return [numerator, denominator];
}

/** `accumulate` over decimal strings: the same value as parsing each first, with less arithmetic. */
export function accumulateDecimals(accumulation: Accumulation, values: readonly string[]): Rational | null {
  if (values.length === 0) return null;
  switch (accumulation) {
    case 'sum':
      return sumDecimals(values);
    case 'last':
      return parseDecimal(values[values.length - 1]!);
    case 'average':
      return sumDecimals(values, values.length);
  }
}
