import { DomainError } from '../shared/domain-error.js';
import { isPlanYear, periodEndMonth, type Period } from './period.js';
import { periodsPerYear, type Periodicity } from './periodicity.js';

/** Every period of one periodicity in a plan year, in chronological order. */
export function periodsOf(year: number, periodicity: Periodicity): Period[] {
  if (!isPlanYear(year)) {
    throw new DomainError('INVALID_PERIOD', `not a plan year: ${String(year)}`, { year });
  }
  return Array.from({ length: periodsPerYear(periodicity) }, (_, i) => ({ year, periodicity, index: i + 1 }));
}

/**
 * The periods of an evaluation window: it runs from the start of the plan
 * year to the end of fiscal month `throughMonth`, and a period counts when it
 * has ended by then. Through month 6 (a Q2 evaluation) an annual indicator has
 * no period yet, so it is not due.
 */
export function periodsEndingWithin(year: number, periodicity: Periodicity, throughMonth: number): Period[] {
  if (!Number.isInteger(throughMonth) || throughMonth < 1 || throughMonth > 12) {
    throw new DomainError('INVALID_PERIOD', `an evaluation window ends at a fiscal month 1..12, got ${throughMonth}`, {
      throughMonth,
    });
  }
  return periodsOf(year, periodicity).filter((period) => periodEndMonth(period) <= throughMonth);
}
