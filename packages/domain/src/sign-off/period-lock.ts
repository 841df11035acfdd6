import { parsePeriod, periodEndMonth, periodStartMonth, type Period } from '../period/index.js';
import type { SignOffStamp, SignOffState } from './sign-off-state.js';

/**
 * What approving (unit, period P) covers: the unit's own indicator periods
 * that END inside P, the rule that makes a period "due" (docs/DOMAIN.md).
 * Approving 2023-Q2 covers M04, M05, M06, B2 (Mar–Apr), B3, T1 (Jan–Apr),
 * Q2 and S1; not M03, not T2, not the year. A unit's children have their
 * own approvals, so only the unit's own indicators are covered.
 */
export const endsInside = (indicatorPeriod: Period, signOffPeriod: Period): boolean => {
  if (indicatorPeriod.year !== signOffPeriod.year) return false;
  const end = periodEndMonth(indicatorPeriod);
  return end >= periodStartMonth(signOffPeriod) && end <= periodEndMonth(signOffPeriod);
};

export interface PeriodLock {
  readonly unit: string;
  /** The approved sign-off period that covers the indicator period. */
  readonly period: string;
  readonly approval: SignOffStamp;
}

/** The approval that locks `unit`'s figures for `indicatorPeriod`, if any: the first by period id, so the answer is stable. */
export const lockOn = (state: SignOffState, unit: string, indicatorPeriod: string): PeriodLock | null => {
  const target = parsePeriod(indicatorPeriod);
  for (const period of Object.keys(state.unitPeriods).sort()) {
    const entry = state.unitPeriods[period]?.[unit];
    if (entry?.status === 'approved' && entry.approval !== null && endsInside(target, parsePeriod(period))) {
      return { unit, period, approval: entry.approval };
    }
  }
  return null;
};

/** Whether a reopening in force of (unit, P) covers `indicatorPeriod`: the exception to the data-entry window. */
export const reopenedFor = (state: SignOffState, unit: string, indicatorPeriod: string): boolean => {
  const target = parsePeriod(indicatorPeriod);
  return Object.entries(state.unitPeriods).some(([period, units]) => units[unit]?.reopening && endsInside(target, parsePeriod(period)));
};
