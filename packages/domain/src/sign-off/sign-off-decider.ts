import { parsePeriod } from '../period/index.js';
import { requireOpenPlan } from '../plan/plan-decider.js';
import type { OpenPlanState, PlanState } from '../plan/plan-state.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { SignOffCommand } from './sign-off-commands.js';
import type { SignOffEvent } from './sign-off-events.js';
import { evolveSignOff, initialSignOffState, statusOf, unitPeriodOf, type SignOffState } from './sign-off-state.js';

/**
 * Sign-off is decided on the plan's sign-off stream with the plan (its unit
 * tree, its year) as context. The plan is only read: units are only ever
 * added, so a decision cannot be invalidated by a concurrent plan change.
 *
 * Transitions of one (period, unit): open or returned → submitted (submit);
 * submitted → approved (approve, once every unit below is approved) or
 * returned (return, with a comment); approved → submitted (unapprove, with a
 * reason, while no unit above is approved); any → reopened (reopen, with a
 * reason, while no unit above is approved): an approval it lifts leaves the
 * unit open, and until the unit is approved again its targets and results
 * take changes and the data-entry window does not apply.
 */
export interface SignOffContext {
  readonly plan: PlanState;
}

export const decideSignOff = (command: SignOffCommand, state: SignOffState, { plan: planState }: SignOffContext): SignOffEvent[] => {
  const plan = requireOpenPlan(planState);
  const { period, unit } = command.data;
  assertUnitPeriodOfPlan(plan, period, unit);
  const ref = { planId: plan.planId, period, unit };
  const status = statusOf(state, period, unit);

  switch (command.type) {
    case 'SubmitUnitPeriod': {
      if (status === 'submitted') return [];
      if (status === 'approved') throw approvedAlready(period, unit);
      const { comment } = command.data;
      return [{ type: 'UnitPeriodSubmitted', data: { ...ref, previousStatus: status, ...(comment === undefined ? {} : { comment }) } }];
    }
    case 'ApproveUnitPeriod': {
      if (status === 'approved') return [];
      if (status !== 'submitted') throw notSubmitted(period, unit, status);
      const pending = descendantsOf(plan, unit).filter((code) => statusOf(state, period, code) !== 'approved');
      if (pending.length > 0) {
        throw new DomainError(
          'CHILD_UNITS_NOT_APPROVED',
          `The unit ${unit} can be approved for ${period} only after every unit below it is: ${pending.join(', ')} ${pending.length === 1 ? 'is' : 'are'} not approved yet.`,
          { unit, period, pending },
        );
      }
      const { comment } = command.data;
      return [{ type: 'UnitPeriodApproved', data: { ...ref, ...(comment === undefined ? {} : { comment }) } }];
    }
    case 'ReturnUnitPeriod': {
      const { comment } = command.data;
      if (comment === undefined)
        throw new DomainError('REASON_REQUIRED', `Returning ${unit}'s ${period} needs a comment saying what to fix.`, { unit, period });
      if (status === 'approved') throw approvedAlready(period, unit);
      if (status !== 'submitted') throw notSubmitted(period, unit, status);
      return [{ type: 'UnitPeriodReturned', data: { ...ref, comment } }];
    }
    case 'UnapproveUnitPeriod': {
      const { reason } = command.data;
      if (reason === undefined) throw new DomainError('REASON_REQUIRED', `Unapproving ${unit}'s ${period} needs a reason.`, { unit, period });
      if (status !== 'approved') {
        throw new DomainError('UNIT_PERIOD_NOT_APPROVED', `The unit ${unit} is not approved for ${period} (it is ${status}).`, { unit, period, status });
      }
      assertNoApprovedAncestor(plan, state, period, unit, 'unapproved');
      return [{ type: 'UnitPeriodUnapproved', data: { ...ref, reason } }];
    }
    case 'ReopenUnitPeriod': {
      const { reason } = command.data;
      if (reason === undefined) throw new DomainError('REASON_REQUIRED', `Reopening ${unit}'s ${period} needs a reason.`, { unit, period });
      if (status !== 'approved' && unitPeriodOf(state, period, unit)?.reopening) return [];
      assertNoApprovedAncestor(plan, state, period, unit, 'reopened');
      return [{ type: 'UnitPeriodReopened', data: { ...ref, reason, previousStatus: status } }];
    }
  }
};

/** The sign-off aggregate as one value: decided on `signoff-<planId>`, with the plan as context. */
export const signOffDecider: Decider<SignOffCommand, SignOffEvent, SignOffState, SignOffContext> = {
  decide: decideSignOff,
  evolve: evolveSignOff,
  initialState: initialSignOffState,
};

/** Every unit below `unit` in the plan's hierarchy, nearest first. */
export const descendantsOf = (plan: OpenPlanState, unit: string): string[] => {
  const found: string[] = [];
  let frontier = [unit];
  while (frontier.length > 0) {
    const parents = new Set(frontier);
    frontier = Object.values(plan.units)
      .filter((u) => u.parentCode !== null && parents.has(u.parentCode) && !found.includes(u.code) && u.code !== unit)
      .map((u) => u.code)
      .sort();
    found.push(...frontier);
  }
  return found;
};

/** Every unit above `unit`, nearest first. */
export const ancestorsOf = (plan: OpenPlanState, unit: string): string[] => {
  const found: string[] = [];
  let parent = plan.units[unit]?.parentCode ?? null;
  while (parent !== null && !found.includes(parent) && parent !== unit) {
    found.push(parent);
    parent = plan.units[parent]?.parentCode ?? null;
  }
  return found;
};

// A unit above that is approved counts on this one being approved: lifting it first would break that approval's premise.
const assertNoApprovedAncestor = (plan: OpenPlanState, state: SignOffState, period: string, unit: string, what: string): void => {
  const parent = ancestorsOf(plan, unit).find((code) => statusOf(state, period, code) === 'approved');
  if (parent !== undefined) {
    throw new DomainError(
      'PARENT_UNIT_APPROVED',
      `The unit ${unit} cannot be ${what} for ${period} while ${parent}, above it, is approved: unapprove ${parent} first.`,
      { unit, period, parent },
    );
  }
};

const assertUnitPeriodOfPlan = (plan: OpenPlanState, period: string, unit: string): void => {
  if (parsePeriod(period).year !== plan.fiscalYear) {
    throw new DomainError('PERIOD_OUTSIDE_PLAN_YEAR', `The period ${period} is outside the plan's fiscal year ${plan.fiscalYear}.`, {
      period,
      fiscalYear: plan.fiscalYear,
    });
  }
  if (!plan.units[unit]) throw new DomainError('UNKNOWN_UNIT', `The plan has no unit ${unit}.`, { unit });
};

const approvedAlready = (period: string, unit: string): DomainError =>
  new DomainError('UNIT_PERIOD_APPROVED', `The unit ${unit} is already approved for ${period}: a planner must unapprove or reopen it first.`, {
    unit,
    period,
  });

const notSubmitted = (period: string, unit: string, status: string): DomainError =>
  new DomainError('UNIT_PERIOD_NOT_SUBMITTED', `The unit ${unit} has not submitted ${period} (it is ${status}).`, { unit, period, status });
