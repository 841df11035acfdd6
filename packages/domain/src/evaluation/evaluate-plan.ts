import type { Period } from '../period/index.js';
import { parsePeriod } from '../period/index.js';
import { DomainError } from '../shared/domain-error.js';
import { evaluateV1 } from './evaluate-v1.js';
import type { Evaluation, EvaluationOptions } from './evaluation.js';
import type { PlanFacts } from './plan-facts.js';

type EvaluationMethod = (facts: PlanFacts, reportingPeriod: Period, decimals: number) => Evaluation;

/**
 * Every method this code knows, by the name a plan records when it opens.
 * A plan is always evaluated by the method it was opened with, so a change
 * of rules (a new entry here) never changes an old plan's answer.
 */
const EVALUATION_METHODS: Readonly<Record<string, EvaluationMethod>> = { v1: evaluateV1 };

export const DEFAULT_DISPLAY_DECIMALS = 1;

/**
 * The plan's method is not one this code knows: the data is newer than the
 * code (a rollback, an old reporter). Not a domain rule a user broke, so not
 * a DomainError: nothing the request can change makes it evaluable.
 */
export class UnknownEvaluationMethodError extends Error {
  override readonly name = 'UnknownEvaluationMethodError';
  constructor(readonly method: string) {
    super(`The evaluation method ${JSON.stringify(method)} is not known to this version; known: ${Object.keys(EVALUATION_METHODS).join(', ')}.`);
  }
}

/**
 * Evaluates a plan for a reporting period: any period id of the plan's
 * fiscal year (`2023-Q2`, `2023-M05`, `2023-S1`, `2023`…); the window runs
 * from the first fiscal month to the period's last one. Pure: the same facts,
 * period and options always give the same evaluation.
 */
export function evaluatePlan(facts: PlanFacts, reportingPeriod: string, options: EvaluationOptions = {}): Evaluation {
  const { plan } = facts;
  const decimals = options.decimals ?? DEFAULT_DISPLAY_DECIMALS;
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 10) {
    throw new RangeError(`decimals must be an integer from 0 to 10, got ${decimals}`);
  }
  const period = parsePeriod(reportingPeriod);
  if (period.year !== plan.fiscalYear) {
    throw new DomainError('PERIOD_OUTSIDE_PLAN_YEAR', `The period ${reportingPeriod} is outside the plan's fiscal year ${plan.fiscalYear}.`, {
      period: reportingPeriod,
      fiscalYear: plan.fiscalYear,
    });
  }
  const method = Object.hasOwn(EVALUATION_METHODS, plan.evaluationMethod) ? EVALUATION_METHODS[plan.evaluationMethod] : undefined;
  if (method === undefined) throw new UnknownEvaluationMethodError(plan.evaluationMethod);
  return method(facts, period, decimals);
}
