import { parsePeriod } from '../period/index.js';
import { requireOpenPlan } from '../plan/plan-decider.js';
import type { PlanState } from '../plan/plan-state.js';
import type { SignOffState } from '../sign-off/sign-off-state.js';
import { unapprovedUnits } from '../sign-off/unapproved-units.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { PublicationCommand } from './publication-commands.js';
import type { PublicationEvent } from './publication-events.js';
import { evolvePublication, initialPublicationState, type PublicationState } from './publication-state.js';

/**
 * A period's publications are decided on the period's own stream with the
 * plan and its sign-off as context: the plan must exist and the period be of
 * its year (neither ever changes once read), and every unit of the plan not
 * approved for the period when the edition is published is named on it
 * (the stream guards its appends by the sign-off's version, so an approval
 * or an unapproval committing meanwhile makes the decision run again).
 */
export interface PublicationContext {
  readonly plan: PlanState;
  readonly signOff: SignOffState;
}

export const decidePublication = (
  command: PublicationCommand,
  state: PublicationState,
  { plan: planState, signOff }: PublicationContext,
): PublicationEvent[] => {
  const plan = requireOpenPlan(planState);
  const { period, position, digest, method, reason, allowUnapprovedUnits, reportLayouts } = command.data;
  if (parsePeriod(period).year !== plan.fiscalYear) {
    throw new DomainError('PERIOD_OUTSIDE_PLAN_YEAR', `The period ${period} is outside the plan's fiscal year ${plan.fiscalYear}.`, {
      period,
      fiscalYear: plan.fiscalYear,
    });
  }
  const latest = state.editions.at(-1);
  if (latest !== undefined) {
    // The same position is the same evaluation: publishing it again would be an edition that restates nothing.
    if (latest.position === position || latest.digest === digest) {
      throw new DomainError('EDITION_UNCHANGED', `Edition ${latest.edition} of ${period} already publishes this evaluation; nothing changed since.`, {
        period,
        edition: latest.edition,
        position: latest.position,
        digest: latest.digest,
      });
    }
    if (reason === undefined) {
      throw new DomainError('REASON_REQUIRED', `${period} was already published (edition ${latest.edition}): a restatement needs a reason.`, {
        period,
        edition: latest.edition,
      });
    }
  }
  const unapproved = unapprovedUnits(plan, signOff, period);
  if (unapproved.length > 0 && !allowUnapprovedUnits) {
    throw new DomainError(
      'UNAPPROVED_UNITS',
      `Units ${unapproved.join(', ')} are not approved for ${period}; approve them first, or publish with allowUnapprovedUnits.`,
      { period, units: unapproved },
    );
  }
  return [
    {
      type: 'EvaluationPublished',
      data: {
        planId: plan.planId,
        period,
        edition: state.editions.length + 1,
        position,
        digest,
        method,
        unapprovedUnits: unapproved,
        reason: reason ?? null,
        ...(reportLayouts === undefined ? {} : { reportLayouts }),
      },
    },
  ];
};

/** The publication aggregate as one value: decided on the period's stream, with its plan as context. */
export const publicationDecider: Decider<PublicationCommand, PublicationEvent, PublicationState, PublicationContext> = {
  decide: decidePublication,
  evolve: evolvePublication,
  initialState: initialPublicationState,
};
