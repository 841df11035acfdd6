import { periodEndMonth, type Period } from '../period/index.js';
import type { OpenPlanState } from '../plan/plan-state.js';

/**
 * The instant after which results for `period` are no longer accepted
 * (without a reopening), or null when the plan sets no window for its
 * periodicity. A window of N days accepts results until the end of the N-th
 * day after the period's last day, so the deadline is midnight UTC at the
 * start of day N + 1 (N = 0: until the period ends).
 *
 * Fiscal month 1 is calendar month `fiscalYearStartMonth` of the plan's
 * fiscal year (a 2021 plan starting in July runs July 2021 to June 2022).
 * The plan has no time zone, so the day ends in UTC. Pure date arithmetic:
 * no clock is read; "now" is the command's `recordedAt`.
 */
export const dataEntryDeadline = (plan: OpenPlanState, period: Period): string | null => {
  const days = plan.dataEntryWindows?.[period.periodicity];
  if (days === undefined || days === null) return null;
  // Months since January of the fiscal year, of the first month after the period.
  const monthAfter = plan.fiscalYearStartMonth - 1 + periodEndMonth(period);
  return new Date(Date.UTC(plan.fiscalYear, monthAfter, 1 + days)).toISOString();
};

/** Whether `recordedAt` (an ISO-8601 instant) is at or past `deadline`. */
export const isPast = (recordedAt: string, deadline: string): boolean => Date.parse(recordedAt) >= Date.parse(deadline);
