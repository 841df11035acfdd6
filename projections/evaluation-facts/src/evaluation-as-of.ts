import { DomainError, evaluatePlan, evaluationDigest, planNumberFormat, type Evaluation, type NumberFormat } from '@semaforo/domain';
import type { LogPosition } from '@semaforo/event-store';
import { resolveAsOf, type ResolvedAsOf } from '@semaforo/projector';
import type { AnyKysely } from '@semaforo/sql';
import { evaluationFactsProjection } from './evaluation-facts-projection.js';
import { planFactsAt } from './plan-facts-at.js';

/**
 * Where the evaluation facts are read as of `asOf`: a position
 * `"<commit>:<prepare>"`, an ISO-8601 instant, or the live checkpoint when
 * undefined (see `resolveAsOf`): the schema and position to pass to
 * `planFactsAt`. Throws the projector's `INVALID_AS_OF`,
 * `AS_OF_NOT_YET_PROJECTED` and `PROJECTION_NOT_LIVE` as they are.
 */
export const evaluationFactsAsOf = (db: AnyKysely, asOf: string | undefined): Promise<ResolvedAsOf> => resolveAsOf(db, evaluationFactsProjection.name, asOf);

export interface EvaluationAsOf {
  /** The log position the evaluation answers at. */
  readonly position: LogPosition;
  readonly evaluation: Evaluation;
  /** `evaluationDigest(evaluation)`: SHA-256 of its canonical JSON. */
  readonly digest: string;
  /** How the plan's documents wrote numbers at that position (not part of the evaluation, nor of its digest). */
  readonly numberFormat: NumberFormat;
}

/**
 * The read model's evaluation of a plan for a reporting period, as of
 * `asOf` (a position `"<commit>:<prepare>"`, an ISO-8601 instant, or the live
 * checkpoint when undefined; see `evaluationFactsAsOf`). The one path the API
 * and the reporter share, so both answer the same bytes.
 *
 * Throws `DomainError` `PLAN_NOT_FOUND` when the plan did not exist at that
 * position, `PERIOD_OUTSIDE_PLAN_YEAR` / `INVALID_PERIOD` for a period the
 * plan cannot be evaluated for, and the projector's errors (`INVALID_AS_OF`,
 * `AS_OF_NOT_YET_PROJECTED`, `PROJECTION_NOT_LIVE`) as they are.
 */
export async function evaluationAsOf(
  db: AnyKysely,
  query: { readonly planId: string; readonly period: string; readonly asOf?: string | undefined },
): Promise<EvaluationAsOf> {
  const { schema, position } = await evaluationFactsAsOf(db, query.asOf);
  const facts = await planFactsAt(db, query.planId, position, schema);
  if (facts === null) {
    throw new DomainError('PLAN_NOT_FOUND', `There is no plan ${query.planId} at this position of the log.`, { planId: query.planId }, { atPosition: true });
  }
  const evaluation = evaluatePlan(facts, query.period);
  return { position, evaluation, digest: evaluationDigest(evaluation), numberFormat: planNumberFormat(facts.plan) };
}
