import { scaleBounds, statusWithin, type ScaleBounds } from '../compliance/index.js';
import type { Rational } from '../decimal/index.js';
import { formatPeriod, periodEndMonth, periodsEndingWithin, type Period, type Periodicity } from '../period/index.js';
import { criticalIndicators } from './critical-indicators.js';
import { evaluateIndicatorV1 } from './evaluate-indicator-v1.js';
import type { ByStatus, Evaluation, EvaluationStatus, IndicatorEvaluation } from './evaluation.js';
import type { IndicatorFacts, PlanFacts } from './plan-facts.js';
import { closingTable, summarize } from './summarize.js';

/**
 * Evaluation method v1, as DOMAIN.md describes it ("Evaluating a reporting
 * period"). Frozen: plans opened with method v1 are evaluated by this code
 * forever; a different rule is a new method beside it, never an edit here.
 */
export function evaluateV1(facts: PlanFacts, reportingPeriod: Period, decimals: number): Evaluation {
  const { plan } = facts;
  const window = { fromMonth: 1, toMonth: periodEndMonth(reportingPeriod) };
  // Retired indicators left the plan: not planned, not due, not listed.
  const active = facts.indicators.filter((indicator) => indicator.status === 'active');
  // Worked out once per evaluation, not per indicator: the due periods of each periodicity, and the
  // scale, checked and parsed when a first percentage is judged (with nothing to judge, it is never read).
  const duePeriods = new Map<Periodicity, readonly string[]>();
  let bounds: ScaleBounds | undefined;
  const indicatorWindow = {
    duePeriods(periodicity: Periodicity): readonly string[] {
      let ids = duePeriods.get(periodicity);
      if (ids === undefined) {
        ids = periodsEndingWithin(plan.fiscalYear, periodicity, window.toMonth).map(formatPeriod);
        duePeriods.set(periodicity, ids);
      }
      return ids;
    },
    statusFor: (percent: Rational) => statusWithin(percent, (bounds ??= scaleBounds(plan.evaluationScale))),
    defaultDecimals: decimals,
  };
  const rows = active.map((indicator) => evaluateIndicatorV1(indicator, indicatorWindow));
  const reportingPeriodId = formatPeriod(reportingPeriod);
  const factsByCode = new Map<string, IndicatorFacts>(active.map((indicator) => [indicator.code, indicator]));
  const critical = criticalIndicators(rows, factsByCode, reportingPeriodId);
  const summary = summarize(plan, rows, decimals);

  return {
    planId: plan.planId,
    planName: plan.name,
    institutionId: plan.institutionId,
    fiscalYear: plan.fiscalYear,
    reportingPeriod: reportingPeriodId,
    window,
    evaluationMethod: plan.evaluationMethod,
    evaluationScale: { criticalBelow: plan.evaluationScale.criticalBelow, goodAbove: plan.evaluationScale.goodAbove },
    indicators: rows,
    byStatus: byStatus(rows),
    critical,
    criticalWithoutJustification: critical.filter((entry) => !entry.hasJustification).map((entry) => entry.code),
    summary,
    closingTable: closingTable(summary, decimals),
  };
}

function byStatus(rows: readonly IndicatorEvaluation[]): ByStatus {
  const codes = (status: EvaluationStatus) => rows.filter((row) => row.status === status).map((row) => row.code);
  return {
    good: codes('good'),
    regular: codes('regular'),
    critical: codes('critical'),
    notReported: codes('not-reported'),
    notDue: codes('not-due'),
  };
}
