import { DomainError, evaluatePlan, evaluationDigest, type Evaluation, type PlanFacts } from '@semaforo/domain';
import type { LogPosition } from '@semaforo/event-store';
import { positionObservedAt } from '@semaforo/projector';
import type { AnyKysely } from '@semaforo/sql';
import { evaluationFactsAsOf } from './evaluation-as-of.js';
import { evaluationFactsProjection } from './evaluation-facts-projection.js';
import { planFactsAt } from './plan-facts-at.js';

/** What an evaluation report is written from: the evaluation, the facts behind it, and where and when it stands. */
export interface ReportFactsAsOf {
  readonly position: LogPosition;
  readonly evaluation: Evaluation;
  readonly digest: string;
  readonly facts: PlanFacts;
  /** The instant the read model first stood at this position (`positionObservedAt`): the document's date. */
  readonly datedAt: string;
}

/**
 * `evaluationAsOf` plus what a report needs besides the evaluation (the plan's units, every
 * justification) and the position's own time. With `asOf` an exact position it is the seam an
 * edition renders through (the edition records its position). Same errors as `evaluationAsOf`.
 */
export async function reportFactsAsOf(
  db: AnyKysely,
  query: { readonly planId: string; readonly period: string; readonly asOf?: string | undefined },
): Promise<ReportFactsAsOf> {
  const { schema, position } = await evaluationFactsAsOf(db, query.asOf);
  const [facts, dated] = await Promise.allSettled([
    planFactsAt(db, query.planId, position, schema),
    positionObservedAt(db, evaluationFactsProjection.name, position),
  ]);
  if (facts.status === 'rejected') throw facts.reason;
  // A plan that is not there is the answer, whatever else the position lacks.
  if (facts.value === null) {
    throw new DomainError('PLAN_NOT_FOUND', `There is no plan ${query.planId} at this position of the log.`, { planId: query.planId });
  }
  if (dated.status === 'rejected') throw dated.reason;
  const datedAt = dated.value;
  const evaluation = evaluatePlan(facts.value, query.period);
  return { position, evaluation, digest: evaluationDigest(evaluation), facts: facts.value, datedAt };
}
