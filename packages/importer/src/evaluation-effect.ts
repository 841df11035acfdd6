import {
  compareCodes,
  evaluatePlan,
  formatPeriod,
  indicatorStreamName,
  parsePeriod,
  planStreamName,
  periodEndMonth,
  type EvaluationStatus,
  type IndicatorFacts,
  type IndicatorState,
  type PlanFacts,
  type PlanState,
} from '@semaforo/domain';
import type { StreamSnapshot } from './decide-import.js';

export interface StatusChange {
  readonly code: string;
  readonly name: string;
  /** Null for an indicator the file registers. */
  readonly before: EvaluationStatus | null;
  readonly after: EvaluationStatus;
}

export interface EvaluationEffect {
  /** The month through which the plan's latest results run, as a monthly period (`2021-M06`). */
  readonly period: string;
  readonly changes: readonly StatusChange[];
}

/**
 * What the file would change in the evaluation: the indicators whose status
 * (good, regular, critical, not reported, not due) differs before and after
 * it, evaluated by the pure domain evaluation (the plan's own method) on the
 * facts folded from the streams the file touches. An indicator's status
 * depends only on its own facts and the plan, so the streams the file does
 * not touch cannot change. The period is the plan's latest due period as the
 * file leaves it: the month through which the latest result of these
 * indicators runs (a quarterly Q2 result: month 6). Null when none has a
 * result, or the plan is not open.
 */
export function evaluationEffect(
  planId: string,
  before: ReadonlyMap<string, StreamSnapshot>,
  after: ReadonlyMap<string, StreamSnapshot>,
): EvaluationEffect | null {
  const planStream = planStreamName(planId);
  const indicatorPrefix = indicatorStreamName(planId, '');
  const planAfter = after.get(planStream)?.state as PlanState | undefined;
  const planBefore = (before.get(planStream)?.state as PlanState | undefined) ?? planAfter;
  if (planAfter?.status !== 'open' || planBefore?.status !== 'open') return null;

  const factsOf = (snapshots: ReadonlyMap<string, StreamSnapshot>): IndicatorFacts[] =>
    [...snapshots]
      // Indicator streams only: the plan's, and the sign-off's the decisions read, are not indicators.
      .filter(([name]) => name.startsWith(indicatorPrefix))
      .map(([, { state }]) => state as IndicatorState)
      .flatMap((state) =>
        state.status === 'absent'
          ? []
          : [{ code: state.code, status: state.status, definition: state.definition, targets: state.targets, results: state.results, justifications: [] }],
      )
      .sort((a, b) => compareCodes(a.code, b.code));
  const afterFacts = factsOf(after);

  let lastMonth = 0;
  for (const indicator of afterFacts) {
    for (const period of Object.keys(indicator.results)) lastMonth = Math.max(lastMonth, periodEndMonth(parsePeriod(period)));
  }
  if (lastMonth === 0) return null;
  const period = formatPeriod({ year: planAfter.fiscalYear, periodicity: 'monthly', index: lastMonth });

  const statuses = (facts: PlanFacts) => new Map(evaluatePlan(facts, period).indicators.map((i) => [i.code, { status: i.status, name: i.name }]));
  const was = statuses({ plan: planBefore, indicators: factsOf(before) });
  const is = statuses({ plan: planAfter, indicators: afterFacts });
  const changes: StatusChange[] = [];
  for (const [code, { status, name }] of is) {
    const previous = was.get(code)?.status ?? null;
    if (previous !== status) changes.push({ code, name, before: previous, after: status });
  }
  return { period, changes };
}
