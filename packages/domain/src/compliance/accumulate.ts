import { addRational, divideRational, parseDecimal, rational, sumDecimals, ZERO, type Rational } from '../decimal/index.js';
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
    case 'sum':
      return values.reduce(addRational, ZERO);
    case 'last':
      return values[values.length - 1] ?? null;
    case 'average':
      return divideRational(values.reduce(addRational, ZERO), rational(BigInt(values.length), 1n));
  }
}

/**
 * `accumulate` over decimal strings, what an evaluation runs: the same value
 * as parsing each and accumulating, with one reduction instead of one per value.
 */
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
