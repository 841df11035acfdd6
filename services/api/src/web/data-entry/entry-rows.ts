import type { WriteSide } from '@semaforo/commands';
import {
  evaluatePlan,
  formatPeriod,
  indicatorStream,
  parsePeriod,
  periodEndMonth,
  periodsOf,
  unitWithinScope,
  type EvaluationStatus,
  type OpenPlanState,
  type PlanFacts,
  type ResultEntry,
} from '@semaforo/domain';

/** One row of the form: an indicator of the unit (or below it) with a period ending in the form's month. */
export interface EntryRow {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  /** The indicator's own period that ends in the form's month (a quarter ends in its third month). */
  readonly period: string;
  readonly result: ResultEntry | undefined;
  readonly target: string | undefined;
  /** The indicator stream's version the form was drawn at: sent back as its If-Match. */
  readonly version: number;
  /** The evaluation through the form's month, from the read model (may trail the write side by a moment). */
  readonly status: EvaluationStatus | undefined;
}

/** How a result is written in the form's hidden "shown" field, to tell a changed row from one left alone. */
export const resultSignature = (result: ResultEntry | undefined): string =>
  result === undefined ? '' : result.kind === 'no-data' ? 'no-data' : [result.value, result.numerator ?? '', result.denominator ?? ''].join('|');

export function unitsBelow(plan: OpenPlanState, unit: string): Set<string> {
  return new Set(Object.keys(plan.units).filter((code) => unitWithinScope([unit], code, plan.units)));
}

/**
 * The rows of a unit's form for a month. Which indicators: the facts of the
 * read model (the only index of a plan's indicators); their values and
 * versions: the write side, now, so the ETag sent back is the stream's own.
 */
export async function entryRows(writeSide: WriteSide, plan: OpenPlanState, facts: PlanFacts | null, unit: string, month: string): Promise<EntryRow[]> {
  if (facts === null) return [];
  const endMonth = periodEndMonth(parsePeriod(month));
  const units = unitsBelow(plan, unit);
  let statuses = new Map<string, EvaluationStatus>();
  try {
    statuses = new Map(evaluatePlan(facts, month).indicators.map((i) => [i.code, i.status]));
  } catch {
    // A month outside the plan's year: no statuses, the write side will say why.
  }
  const rows: EntryRow[] = [];
  for (const indicator of facts.indicators) {
    if (indicator.status !== 'active' || !units.has(indicator.definition.unit)) continue;
    const period = periodsOf(plan.fiscalYear, indicator.definition.periodicity).find((p) => periodEndMonth(p) === endMonth);
    if (period === undefined) continue;
    const periodId = formatPeriod(period);
    const { state, version } = await writeSide.read(indicatorStream(plan.planId, indicator.code));
    if (state.status !== 'active') continue;
    rows.push({
      code: indicator.code,
      name: state.definition.name,
      unit: state.definition.unit,
      period: periodId,
      result: state.results[periodId],
      target: state.targets[periodId],
      version,
      status: statuses.get(indicator.code),
    });
  }
  return rows;
}
