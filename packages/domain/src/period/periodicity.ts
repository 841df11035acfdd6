import { z } from 'zod';

/** From the shortest to the longest period; every one divides the twelve months of a plan year. */
export const PERIODICITIES = ['monthly', 'bimonthly', 'quarterly', 'four-monthly', 'semiannual', 'annual'] as const;

export type Periodicity = (typeof PERIODICITIES)[number];

export const periodicitySchema = z.enum(PERIODICITIES);

const MONTHS_PER_PERIOD: Readonly<Record<Periodicity, number>> = {
  monthly: 1,
  bimonthly: 2,
  quarterly: 3,
  'four-monthly': 4,
  semiannual: 6,
  annual: 12,
};

export function monthsPerPeriod(periodicity: Periodicity): number {
  return MONTHS_PER_PERIOD[periodicity];
}

export function periodsPerYear(periodicity: Periodicity): number {
  return 12 / MONTHS_PER_PERIOD[periodicity];
}
