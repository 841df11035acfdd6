import type { OpenPlanState } from '../plan/plan-state.js';
import { statusOf, type SignOffState } from './sign-off-state.js';

/**
 * The plan's units not approved for `period`, by code (UTF-16 order, as
 * everywhere codes are sorted): what a publication with unapproved units
 * lists on its edition.
 */
export const unapprovedUnits = (plan: OpenPlanState, signOff: SignOffState, period: string): string[] =>
  Object.keys(plan.units)
    .filter((unit) => statusOf(signOff, period, unit) !== 'approved')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
