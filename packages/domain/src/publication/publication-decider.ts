import { parsePeriod } from '../period/index.js';
import { requireOpenPlan } from '../plan/plan-decider.js';
import type { PlanState } from '../plan/plan-state.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { PublicationCommand } from './publication-commands.js';
import type { PublicationEvent } from './publication-events.js';
import { evolvePublication, initialPublicationState, type PublicationState } from './publication-state.js';

/**
 * A period's publications are decided on the period's own stream with the
 * plan as context: the plan must exist and the period must be of its year.
 * The plan is only read, and what is read of it (its id, its year) never
 * changes, so a concurrent plan change cannot invalidate the decision.
 */
export interface PublicationContext {
  readonly plan: PlanState;
}

export const decidePublication = (command: PublicationCommand, state: PublicationState, { plan: planState }: PublicationContext): PublicationEvent[] => {
  const plan = requireOpenPlan(planState);
  const { period, position, digest, method, reason, allowUnapprovedUnits, unapprovedUnits } = command.data;
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
  const unapproved = [...new Set(unapprovedUnits)].sort();
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
