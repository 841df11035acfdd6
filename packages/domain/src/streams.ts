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
import { signOffDecider, type SignOffContext } from './sign-off/sign-off-decider.js';
import type { SignOffCommand } from './sign-off/sign-off-commands.js';
import type { SignOffEvent } from './sign-off/sign-off-events.js';
import type { SignOffState } from './sign-off/sign-off-state.js';

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

/**
 * One sign-off stream per plan: every unit's submissions, approvals, returns
 * and reopenings of every period. An approval reads the state of the units
 * below it, which one stream keeps consistent (two planners approving parent
 * and child at once conflict on its version); and sign-off commands are rare
 * (a few per unit and quarter), so one stream per plan never contends.
 */
export const signOffStreamName = (planId: string): string => `signoff-${planId}`;

/** A plan's stream. `OpenPlan` goes to the stream of the id it derives (`planIdFor`). */
export const planStream = (planId: string): StreamOf<PlanCommand, PlanEvent, PlanState> => ({
  name: planStreamName(planId),
  decider: planDecider,
  context: {},
});

/**
 * A plan's sign-off stream, with the plan's units as context. Fenced: while an
 * approval commits, no guarded indicator write can check the sign-off's
 * version and land, and none that checked it before can still be committing.
 */
export const signOffStream = (planId: string): StreamOf<SignOffCommand, SignOffEvent, SignOffState, SignOffContext> => ({
  name: signOffStreamName(planId),
  decider: signOffDecider,
  context: { plan: planStream(planId) },
  fenced: true,
});

/**
 * An indicator's stream; its commands read the plan and its sign-off as
 * context (see `IndicatorContext`), and its appends are guarded by the
 * sign-off's version: an approval that commits after the decision read the
 * sign-off makes the append fail, and the write side decides again (then
 * refused: locked). The plan's data-entry windows are read, not guarded: a
 * window set while a result is being written is a rule change that takes
 * effect from its own position in the log; the plan stream takes no fence.
 */
export const indicatorStream = (
  planId: string,
  code: string,
): StreamOf<IndicatorCommand, IndicatorEvent, IndicatorState, Omit<IndicatorContext, 'indicator'>> => ({
  name: indicatorStreamName(planId, code),
  decider: indicatorDecider,
  context: { plan: planStream(planId), signOff: signOffStream(planId) },
  guardedBy: ['signOff'],
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

/**
 * A period's editions; publishing reads the plan and its sign-off as context
 * (see `PublicationContext`), guarded by the sign-off's version so the units
 * an edition names as unapproved are those of the moment it was appended.
 */
export const publicationStream = (planId: string, period: string): StreamOf<PublicationCommand, PublicationEvent, PublicationState, PublicationContext> => ({
  name: publicationStreamName(planId, period),
  decider: publicationDecider,
  context: { plan: planStream(planId), signOff: signOffStream(planId) },
  guardedBy: ['signOff'],
});
