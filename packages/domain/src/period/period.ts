import { DomainError } from '../shared/domain-error.js';
import { monthsPerPeriod, PERIODICITIES, periodsPerYear, type Periodicity } from './periodicity.js';

/**
 * One period of a plan year. `index` is 1-based within the year (an annual
 * period has index 1). Months are fiscal months 1..12 of the plan year; the
 * plan, not this module, knows which calendar month each one is.
 */
export interface Period {
  readonly year: number;
  readonly periodicity: Periodicity;
  readonly index: number;
}

export const MIN_PERIOD_YEAR = 1000;
export const MAX_PERIOD_YEAR = 9999;

export function isPlanYear(year: unknown): year is number {
  return Number.isInteger(year) && (year as number) >= MIN_PERIOD_YEAR && (year as number) <= MAX_PERIOD_YEAR;
}

export function isPeriod(value: Period): boolean {
  return (
    isPlanYear(value.year) &&
    (PERIODICITIES as readonly string[]).includes(value.periodicity) &&
    Number.isInteger(value.index) &&
    value.index >= 1 &&
    value.index <= periodsPerYear(value.periodicity)
  );
}

/** Periods are usually built by `parsePeriod`; one built by hand is checked before it is used. */
export function assertPeriod(period: Period): void {
  if (!isPeriod(period)) {
    throw new DomainError(
      'INVALID_PERIOD',
      `not a period: year must be ${MIN_PERIOD_YEAR}..${MAX_PERIOD_YEAR} and index 1..${
        (PERIODICITIES as readonly string[]).includes(period.periodicity) ? periodsPerYear(period.periodicity) : 'n'
      } for periodicity ${JSON.stringify(period.periodicity)}`,
      { year: period.year, periodicity: period.periodicity, index: period.index },
    );
  }
}

export function periodStartMonth(period: Period): number {
  assertPeriod(period);
  return (period.index - 1) * monthsPerPeriod(period.periodicity) + 1;
}

export function periodEndMonth(period: Period): number {
  assertPeriod(period);
  return period.index * monthsPerPeriod(period.periodicity);
}

/**
 * Chronological: by year, then by the month the period ends, then by the
 * month it starts. Among periods that close the same month the longer one
 * (earlier start) sorts first: 2023-S1 < 2023-Q2 < 2023-M06.
 */
export function comparePeriods(a: Period, b: Period): -1 | 0 | 1 {
  const byYear = Math.sign(a.year - b.year);
  if (byYear !== 0) return byYear as -1 | 1;
  const byEnd = Math.sign(periodEndMonth(a) - periodEndMonth(b));
  if (byEnd !== 0) return byEnd as -1 | 1;
  return Math.sign(periodStartMonth(a) - periodStartMonth(b)) as -1 | 0 | 1;
}
