import { accumulateDecimals, evaluateComplianceBy, formatPercent, type Status } from '../compliance/index.js';
import { assertDecimal, rationalToExactString, type Rational } from '../decimal/index.js';
import type { Periodicity } from '../period/index.js';
import type { IndicatorEvaluation, PeriodFigures, ReasonNotEvaluated } from './evaluation.js';
import type { IndicatorFacts } from './plan-facts.js';

export interface IndicatorWindow {
  /** The ids of the periods of a periodicity that end inside the window, in order: the same for every indicator of a plan. */
  readonly duePeriods: (periodicity: Periodicity) => readonly string[];
  /** The plan's scale applied to an exact percentage. */
  readonly statusFor: (percent: Rational) => Status;
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

  const duePeriods = window.duePeriods(definition.periodicity);
  const latest = duePeriods[duePeriods.length - 1];
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

  // `last` counts the latest period only; the others every period with both a target and a value.
  const onlyLatest = definition.accumulation === 'last';
  const counted: boolean[] = [];
  const targets: string[] = [];
  const results: string[] = [];
  for (let i = 0; i < duePeriods.length; i += 1) {
    const period = duePeriods[i]!;
    const target = indicator.targets[period];
    const result = indicator.results[period];
    const isCounted = (!onlyLatest || period === latest) && target !== undefined && result?.kind === 'value';
    counted.push(isCounted);
    if (!isCounted) continue;
    // A malformed figure is refused here, in period order, as parsing each in turn would refuse it.
    assertDecimal(target);
    assertDecimal(result.value);
    targets.push(target);
    results.push(result.value);
  }
  // Both lists hold at least the latest period, so neither accumulation is null.
  const target = accumulateDecimals(definition.accumulation, targets) as Rational;
  const result = accumulateDecimals(definition.accumulation, results) as Rational;
  const { percent, status } = evaluateComplianceBy(definition.polarity, target, result, window.statusFor);

  return {
    ...row,
    due: true,
    status,
    target: rationalToExactString(target),
    result: rationalToExactString(result),
    compliance: percent === null ? null : { exact: rationalToExactString(percent), display: formatPercent(percent, decimals) },
    periods: duePeriods.map((period, i) => figures(indicator, period, counted[i] === true)),
  };
}

function reasonNotEvaluated(indicator: IndicatorFacts, period: string): ReasonNotEvaluated | null {
  const result = indicator.results[period];
  if (result === undefined) return 'no-result';
  if (result.kind === 'no-data') return 'no-data';
  if (indicator.targets[period] === undefined) return 'no-target';
  return null;
}

function figures(indicator: IndicatorFacts, period: string, counted: boolean): PeriodFigures {
  const result = indicator.results[period];
  return {
    period,
    target: indicator.targets[period] ?? null,
    result: result?.kind === 'value' ? result.value : null,
    noData: result?.kind === 'no-data',
    counted,
    ...(result?.kind === 'value' && result.warnings !== undefined ? { warnings: result.warnings } : {}),
  };
}
