import { accumulate, evaluateCompliance, formatPercent, type EvaluationScale } from '../compliance/index.js';
import { parseDecimal, rationalToExactString, type Rational } from '../decimal/index.js';
import { formatPeriod, periodsEndingWithin } from '../period/index.js';
import type { IndicatorEvaluation, PeriodFigures, ReasonNotEvaluated } from './evaluation.js';
import type { IndicatorFacts } from './plan-facts.js';

export interface IndicatorWindow {
  readonly fiscalYear: number;
  /** The window runs from fiscal month 1 to the end of this fiscal month. */
  readonly toMonth: number;
  readonly scale: EvaluationScale;
  readonly defaultDecimals: number;
}

/**
 * Method v1 for one active indicator.
 *
 * Due: at least one period of its periodicity ends inside the window.
 *
 * Judged on the LATEST due period: when it has no result, or "no data", or
 * no target, the indicator is `not-reported` (with `reasonNotEvaluated`),
 * whatever earlier periods hold, because a year-to-date figure that stops
 * short of the window would describe an earlier window, not this one.
 *
 * Otherwise the year-to-date target and result follow the accumulation over
 * the due periods that have BOTH a target and a reported value (`counted` in
 * `periods`): `sum` adds them, `average` takes their exact mean, `last` takes
 * the latest (which always qualifies). A period missing either side is left
 * out of both sums, so a missing report never counts as a zero and a target
 * is only ever compared with the result of the same periods.
 */
export function evaluateIndicatorV1(indicator: IndicatorFacts, window: IndicatorWindow): IndicatorEvaluation {
  const { definition } = indicator;
  const decimals = definition.decimals ?? window.defaultDecimals;
  const row = {
    code: indicator.code,
    name: definition.name,
    kind: definition.kind,
    perspective: definition.perspective,
    unit: definition.unit,
    measure: definition.measure,
    polarity: definition.polarity,
    accumulation: definition.accumulation,
    periodicity: definition.periodicity,
    decimals,
  };

  const duePeriods = periodsEndingWithin(window.fiscalYear, definition.periodicity, window.toMonth).map(formatPeriod);
  const latest = duePeriods.at(-1);
  if (latest === undefined) {
    return { ...row, due: false, status: 'not-due', target: null, result: null, compliance: null, periods: [] };
  }

  const reason = reasonNotEvaluated(indicator, latest);
  if (reason !== null) {
    return {
      ...row,
      due: true,
      status: 'not-reported',
      target: null,
      result: null,
      compliance: null,
      reasonNotEvaluated: reason,
      periods: duePeriods.map((period) => figures(indicator, period, false)),
    };
  }

  const counted = new Set(
    definition.accumulation === 'last' ? [latest] : duePeriods.filter((period) => comparable(indicator, period)),
  );
  const targets: Rational[] = [];
  const results: Rational[] = [];
  for (const period of duePeriods) {
    const target = indicator.targets[period];
    const result = indicator.results[period];
    // Counted periods are comparable; the check only narrows the types.
    if (!counted.has(period) || target === undefined || result?.kind !== 'value') continue;
    targets.push(parseDecimal(target));
    results.push(parseDecimal(result.value));
  }
  // Both lists hold at least the latest period, so neither accumulation is null.
  const target = accumulate(definition.accumulation, targets) as Rational;
  const result = accumulate(definition.accumulation, results) as Rational;
  const { percent, status } = evaluateCompliance({ polarity: definition.polarity, target, result, scale: window.scale });

  return {
    ...row,
    due: true,
    status,
    target: rationalToExactString(target),
    result: rationalToExactString(result),
    compliance: percent === null ? null : { exact: rationalToExactString(percent), display: formatPercent(percent, decimals) },
    periods: duePeriods.map((period) => figures(indicator, period, counted.has(period))),
  };
}

function reasonNotEvaluated(indicator: IndicatorFacts, period: string): ReasonNotEvaluated | null {
  const result = indicator.results[period];
  if (result === undefined) return 'no-result';
  if (result.kind === 'no-data') return 'no-data';
  if (indicator.targets[period] === undefined) return 'no-target';
  return null;
}

function comparable(indicator: IndicatorFacts, period: string): boolean {
  return indicator.targets[period] !== undefined && indicator.results[period]?.kind === 'value';
}

function figures(indicator: IndicatorFacts, period: string, counted: boolean): PeriodFigures {
  const result = indicator.results[period];
  return {
    period,
    target: indicator.targets[period] ?? null,
    result: result?.kind === 'value' ? result.value : null,
    noData: result?.kind === 'no-data',
    counted,
  };
}
