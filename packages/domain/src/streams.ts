import { accessDecider } from './access/access-decider.js';
import type { AccessCommand } from './access/access-commands.js';
import type { AccessEvent } from './access/access-events.js';
import type { AccessState } from './access/access-state.js';
import { indicatorDecider, type IndicatorContext } from './indicator/indicator-decider.js';
import type { IndicatorCommand } from './indicator/indicator-commands.js';
import type { IndicatorEvent } from './indicator/indicator-events.js';
import type { IndicatorState } from './indicator/indicator-state.js';
import { planDecider } from './plan/plan-decider.js';
import type { PlanCommand } from './plan/plan-commands.js';
import type { PlanEvent } from './plan/plan-events.js';
import type { PlanState } from './plan/plan-state.js';
import { publicationDecider, type PublicationContext } from './publication/publication-decider.js';
import type { PublicationCommand } from './publication/publication-commands.js';
import type { PublicationEvent } from './publication/publication-events.js';
import type { PublicationState } from './publication/publication-state.js';
import type { StreamOf } from './shared/stream-of.js';

/**
 * Stream boundaries. One stream per plan (its structure: perspectives, units,
 * scale) and one per indicator of a plan (its definition, targets, results,
 * justifications). An indicator's figures change often and independently of
 * every other indicator, so giving each its own stream keeps writers of
 * different indicators from conflicting, while everything one rule needs to
 * check (a revision needs the current target) stays in one stream.
 * Registering a code twice is caught by the indicator stream's "must not
 * exist yet" append.
 */
export const planStreamName = (planId: string): string => `plan-${planId}`;

/** `/` cannot appear in a plan id or an indicator code, so the name is unambiguous. */
export const indicatorStreamName = (planId: string, code: string): string => `indicator-${planId}/${code}`;

/**
 * One stream per institution holds every token it ever issued: issuing and
 * revoking are rare, all of an institution's tokens are checked together
 * (ids unique, never lock the institution out), and a verifier folds one
 * short stream to know every token of the institution.
 */
export const accessStreamName = (institutionId: string): string => `access-${institutionId}`;

/** A plan's stream. `OpenPlan` goes to the stream of the id it derives (`planIdFor`). */
export const planStream = (planId: string): StreamOf<PlanCommand, PlanEvent, PlanState> => ({
  name: planStreamName(planId),
  decider: planDecider,
  context: {},
});

/** An indicator's stream; its commands read the plan as context (see `IndicatorContext`). */
export const indicatorStream = (planId: string, code: string): StreamOf<IndicatorCommand, IndicatorEvent, IndicatorState, Pick<IndicatorContext, 'plan'>> => ({
  name: indicatorStreamName(planId, code),
  decider: indicatorDecider,
  context: { plan: planStream(planId) },
});

export const accessStream = (institutionId: string): StreamOf<AccessCommand, AccessEvent, AccessState> => ({
  name: accessStreamName(institutionId),
  decider: accessDecider,
  context: {},
});

/**
 * One stream per plan and period holds its editions: publishing one period
 * never conflicts with publishing another, and numbering the editions is
 * the stream's own order. `/` cannot appear in a plan id or a period.
 */
export const publicationStreamName = (planId: string, period: string): string => `evaluation-${planId}/${period}`;

/** A period's editions; publishing reads the plan as context (see `PublicationContext`). */
export const publicationStream = (planId: string, period: string): StreamOf<PublicationCommand, PublicationEvent, PublicationState, PublicationContext> => ({
  name: publicationStreamName(planId, period),
  decider: publicationDecider,
  context: { plan: planStream(planId) },
});
