import { canonicalJson } from '@semaforo/canonical-json';
import type { Counts, CriticalIndicator, Evaluation, EvaluationStatus, IndicatorEvaluation, Percentage, PeriodFigures } from '../evaluation/evaluation.js';
import { compareCodes } from '../evaluation/plan-facts.js';

/** What a difference compares of an indicator, the figures a reader of the traffic light acts on. */
export interface IndicatorFigures {
  readonly target: string | null;
  readonly result: string | null;
  readonly compliance: Percentage | null;
  readonly status: EvaluationStatus;
}

/**
 * What changed about one indicator. The four figures first; then what else
 * of the indicator's part of the evaluation moved (its due periods' figures,
 * its justifications, its definition), so that a difference is empty
 * exactly when the two evaluations are the same bytes.
 */
export const DIFFERENCE_FIELDS = ['target', 'result', 'compliance', 'status', 'periods', 'justifications', 'definition'] as const;
export type DifferenceField = (typeof DIFFERENCE_FIELDS)[number];

export interface IndicatorDifference {
  readonly code: string;
  readonly name: string;
  readonly perspective: string;
  readonly perspectiveName: string;
  readonly unit: string;
  readonly unitName: string;
  /** Decimals the indicator is displayed with (for an average with no finite decimal). */
  readonly decimals: number;
  /** In `DIFFERENCE_FIELDS` order. */
  readonly changed: readonly DifferenceField[];
  /** Null when the indicator is not in that evaluation (registered later, or retired). */
  readonly before: IndicatorFigures | null;
  readonly after: IndicatorFigures | null;
}

/** Parts of the evaluation that belong to no one indicator. */
export const PLAN_DIFFERENCE_FIELDS = ['planName', 'evaluationMethod', 'evaluationScale', 'perspectives', 'units'] as const;
export type PlanDifferenceField = (typeof PLAN_DIFFERENCE_FIELDS)[number];

export interface EvaluationDifference {
  /** True when nothing differs: then the two evaluations' canonical JSON (and digests) are equal. */
  readonly empty: boolean;
  /** Ordered by perspective (in plan order), unit, code. */
  readonly indicators: readonly IndicatorDifference[];
  readonly plan: readonly PlanDifferenceField[];
  /** The plan's counts on either side. */
  readonly summary: { readonly before: Counts; readonly after: Counts };
}

const figures = (indicator: IndicatorEvaluation): IndicatorFigures => ({
  target: indicator.target,
  result: indicator.result,
  compliance: indicator.compliance,
  status: indicator.status,
});

const sameText = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

const samePercentage = (a: Percentage | null, b: Percentage | null): boolean =>
  a === null || b === null ? a === b : a.exact === b.exact && a.display === b.display;

const samePeriods = (a: readonly PeriodFigures[], b: readonly PeriodFigures[]): boolean =>
  a.length === b.length &&
  a.every((p, i) => {
    const q = b[i]!;
    return p.period === q.period && p.target === q.target && p.result === q.result && p.noData === q.noData && p.counted === q.counted;
  });

/*
 * Everything of an indicator's row but its figures and periods: what its
 * definition (and being due) puts in the evaluation. Compared field by field
 * rather than as canonical JSON: a thousand indicators on each side, on the
 * path of every difference. The compiler checks the list against the type.
 */
const DEFINITION_FIELDS = [
  'code',
  'name',
  'kind',
  'perspective',
  'unit',
  'measure',
  'polarity',
  'accumulation',
  'periodicity',
  'decimals',
  'due',
  'reasonNotEvaluated',
] as const satisfies readonly Exclude<keyof IndicatorEvaluation, 'target' | 'result' | 'compliance' | 'status' | 'periods'>[];
type DefinitionField = (typeof DEFINITION_FIELDS)[number];
// Fails to compile when IndicatorEvaluation gains a field the list does not name.
const _everyField: Record<Exclude<keyof IndicatorEvaluation, 'target' | 'result' | 'compliance' | 'status' | 'periods' | DefinitionField>, never> = {};

/**
 * Every indicator whose part of the evaluation differs between `before` and
 * `after`, field by field, compared exactly (decimal strings as the
 * evaluation wrote them, which the digest hashes). Pure: no positions, no
 * events; the route adds the events that caused each change.
 */
export function evaluationDifference(before: Evaluation, after: Evaluation): EvaluationDifference {
  const beforeBy = new Map(before.indicators.map((i) => [i.code, i]));
  const afterBy = new Map(after.indicators.map((i) => [i.code, i]));
  const criticalBefore = new Map(before.critical.map((c) => [c.code, c]));
  const criticalAfter = new Map(after.critical.map((c) => [c.code, c]));
  const codes = [...new Set([...beforeBy.keys(), ...afterBy.keys()])];
  // Names as the later evaluation has them (a plan only adds perspectives and units, so it has every one).
  const names = new Map<string, string>();
  for (const e of [before, after]) {
    for (const p of e.summary.byPerspective) names.set(`p:${p.code}`, p.name);
    for (const u of e.summary.byUnit) names.set(`u:${u.code}`, u.name);
  }

  const indicators: IndicatorDifference[] = [];
  for (const code of codes) {
    const b = beforeBy.get(code);
    const a = afterBy.get(code);
    const changed = changedFields(b, a, criticalBefore.get(code), criticalAfter.get(code));
    if (changed.length === 0) continue;
    const shown = (a ?? b)!;
    indicators.push({
      code,
      name: shown.name,
      perspective: shown.perspective,
      perspectiveName: names.get(`p:${shown.perspective}`) ?? shown.perspective,
      unit: shown.unit,
      unitName: names.get(`u:${shown.unit}`) ?? shown.unit,
      decimals: shown.decimals,
      changed,
      before: b === undefined ? null : figures(b),
      after: a === undefined ? null : figures(a),
    });
  }

  // Perspectives in plan order (a plan only adds perspectives, so `after` lists every one `before` has).
  const order = new Map<string, number>();
  for (const p of [...after.summary.byPerspective, ...before.summary.byPerspective]) if (!order.has(p.code)) order.set(p.code, order.size);
  const rank = (code: string) => order.get(code) ?? order.size;
  indicators.sort((x, y) => rank(x.perspective) - rank(y.perspective) || compareCodes(x.unit, y.unit) || compareCodes(x.code, y.code));

  const plan = PLAN_DIFFERENCE_FIELDS.filter((field) => !sameText(planPart(before, field), planPart(after, field)));
  return {
    empty: indicators.length === 0 && plan.length === 0,
    indicators,
    plan,
    summary: { before: before.summary.plan, after: after.summary.plan },
  };
}

function changedFields(
  b: IndicatorEvaluation | undefined,
  a: IndicatorEvaluation | undefined,
  criticalB: CriticalIndicator | undefined,
  criticalA: CriticalIndicator | undefined,
): DifferenceField[] {
  if (b === undefined || a === undefined) return b === a ? [] : [...DIFFERENCE_FIELDS.slice(0, 4)];
  const changed: DifferenceField[] = [];
  if (b.target !== a.target) changed.push('target');
  if (b.result !== a.result) changed.push('result');
  if (!samePercentage(b.compliance, a.compliance)) changed.push('compliance');
  if (b.status !== a.status) changed.push('status');
  if (!samePeriods(b.periods, a.periods)) changed.push('periods');
  // A critical entry comes and goes with the status; only its justifications are the indicator's own.
  const justificationsB = criticalB?.justifications ?? [];
  const justificationsA = criticalA?.justifications ?? [];
  if ((justificationsB.length > 0 || justificationsA.length > 0) && !sameText(justificationsB, justificationsA)) changed.push('justifications');
  if (DEFINITION_FIELDS.some((field) => b[field] !== a[field])) changed.push('definition');
  return changed;
}

function planPart(evaluation: Evaluation, field: PlanDifferenceField): unknown {
  switch (field) {
    case 'planName':
      return evaluation.planName;
    case 'evaluationMethod':
      return evaluation.evaluationMethod;
    case 'evaluationScale':
      return evaluation.evaluationScale;
    case 'perspectives':
      return evaluation.summary.byPerspective.map((p) => [p.code, p.name]);
    case 'units':
      return evaluation.summary.byUnit.map((u) => [u.code, u.name, u.parentCode]);
  }
}
