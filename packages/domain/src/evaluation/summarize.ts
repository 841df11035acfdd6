import { INDICATOR_KINDS } from '../indicator/indicator-definition.js';
import type { OpenPlanState } from '../plan/plan-state.js';
import type { ClosingRow, Counts, IndicatorEvaluation, Summary, UnitSummary } from './evaluation.js';
import { percentageOf } from './percentage-of.js';
import { compareCodes } from './plan-facts.js';

/** Counts of a group of (active) indicators; shares are of the evaluated ones. */
export function countsOf(rows: readonly IndicatorEvaluation[], decimals: number): Counts {
  let due = 0;
  let good = 0;
  let regular = 0;
  let critical = 0;
  for (const row of rows) {
    if (row.due) due += 1;
    if (row.status === 'good') good += 1;
    else if (row.status === 'regular') regular += 1;
    else if (row.status === 'critical') critical += 1;
  }
  const evaluated = good + regular + critical;
  return {
    planned: rows.length,
    due,
    evaluated,
    good,
    regular,
    critical,
    notReported: due - evaluated,
    goodShare: percentageOf(good, evaluated, decimals),
    regularShare: percentageOf(regular, evaluated, decimals),
    criticalShare: percentageOf(critical, evaluated, decimals),
  };
}

/**
 * The plan's counts, then per perspective (plan order, every perspective even
 * when empty), per unit (by code, rolled up) and per kind (result, production).
 */
export function summarize(plan: OpenPlanState, rows: readonly IndicatorEvaluation[], decimals: number): Summary {
  return {
    plan: countsOf(rows, decimals),
    byPerspective: plan.perspectives.map(({ code, name }) => ({
      code,
      name,
      ...countsOf(
        rows.filter((row) => row.perspective === code),
        decimals,
      ),
    })),
    byUnit: summarizeUnits(plan, rows, decimals),
    byKind: INDICATOR_KINDS.map((kind) => ({
      kind,
      ...countsOf(
        rows.filter((row) => row.kind === kind),
        decimals,
      ),
    })),
  };
}

/** A unit counts its own indicators and its descendants': a division's line is the sum of its departments'. */
function summarizeUnits(plan: OpenPlanState, rows: readonly IndicatorEvaluation[], decimals: number): UnitSummary[] {
  const rowsByUnit = new Map<string, IndicatorEvaluation[]>();
  for (const row of rows) {
    for (const unit of selfAndAncestors(plan, row.unit)) {
      const bucket = rowsByUnit.get(unit);
      if (bucket === undefined) rowsByUnit.set(unit, [row]);
      else bucket.push(row);
    }
  }
  return Object.values(plan.units)
    .sort((a, b) => compareCodes(a.code, b.code))
    .map(({ code, name, parentCode }) => ({ code, name, parentCode, ...countsOf(rowsByUnit.get(code) ?? [], decimals) }));
}

function selfAndAncestors(plan: OpenPlanState, unit: string): string[] {
  const chain: string[] = [];
  // The decider only accepts a parent that already exists, so there is no cycle; the set makes sure of it.
  const seen = new Set<string>();
  let current: string | null = unit;
  while (current !== null && !seen.has(current) && plan.units[current] !== undefined) {
    seen.add(current);
    chain.push(current);
    current = plan.units[current]?.parentCode ?? null;
  }
  return chain;
}

/** *Tipo de indicador | Medidos | Alcanzó meta | % Criterio bueno*: measured is evaluated, reaching the target is `good`. */
export function closingTable(summary: Summary, decimals: number): ClosingRow[] {
  const row = (kind: ClosingRow['kind'], counts: Counts): ClosingRow => ({
    kind,
    measured: counts.evaluated,
    reachedTarget: counts.good,
    goodShare: percentageOf(counts.good, counts.evaluated, decimals),
  });
  return [...summary.byKind.map((counts) => row(counts.kind, counts)), row('total', summary.plan)];
}
