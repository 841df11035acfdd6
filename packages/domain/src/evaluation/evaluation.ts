import type { PlausibilityWarning } from '../plausibility/plausibility-warning.js';
import type { Accumulation, EvaluationScale, Polarity } from '../compliance/index.js';
import type { IndicatorKind, Measure } from '../indicator/indicator-definition.js';
import type { CorrectiveAction } from '../indicator/indicator-events.js';
import type { Periodicity } from '../period/index.js';

/** The five statuses of an evaluation: the three of the traffic light, and the two that say why there is no light. */
export const EVALUATION_STATUSES = ['good', 'regular', 'critical', 'not-reported', 'not-due'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/**
 * Why a due indicator got no light (its status is then `not-reported`):
 * - `no-result`: the latest due period has no result;
 * - `no-data`: the latest due period was reported as "no data";
 * - `no-target`: the latest due period has a result but no target to compare it with.
 */
export type ReasonNotEvaluated = 'no-result' | 'no-data' | 'no-target';

/** A percentage kept exact (a decimal, or "n/d" when it has no finite decimal) and rounded half-up for display. */
export interface Percentage {
  readonly exact: string;
  readonly display: string;
}

/** One due period of an indicator as it stood. */
export interface PeriodFigures {
  readonly period: string;
  readonly target: string | null;
  /** Null when nothing was reported or "no data" was (then `noData` is true). */
  readonly result: string | null;
  readonly noData: boolean;
  /** Whether this period entered the year-to-date target and result (see `evaluate-v1.ts`). */
  readonly counted: boolean;
  /** The plausibility warnings the period's result was stored with; absent when none, so older answers keep their bytes. */
  readonly warnings?: readonly PlausibilityWarning[];
}

export interface IndicatorEvaluation {
  readonly code: string;
  readonly name: string;
  readonly kind: IndicatorKind;
  readonly perspective: string;
  readonly unit: string;
  readonly measure: Measure;
  readonly polarity: Polarity;
  readonly accumulation: Accumulation;
  readonly periodicity: Periodicity;
  /** Decimals the compliance is displayed with: the indicator's own, else the evaluation's default. */
  readonly decimals: number;
  readonly due: boolean;
  readonly status: EvaluationStatus;
  /**
   * The year-to-date target and result that were compared, exact ("n/d" only
   * for an average with no finite decimal); null when nothing was compared.
   */
  readonly target: string | null;
  readonly result: string | null;
  /** Null when no ratio was computed: not judged, or judged by rule (a zero target, a zero result when lower is better). */
  readonly compliance: Percentage | null;
  readonly reasonNotEvaluated?: ReasonNotEvaluated;
  /** The periods of its periodicity that end inside the window, in order; empty when not due. */
  readonly periods: readonly PeriodFigures[];
}

export interface Counts {
  /** Active indicators (retired ones are not part of the plan any more). */
  readonly planned: number;
  readonly due: number;
  /** Due and judged: good + regular + critical. */
  readonly evaluated: number;
  readonly good: number;
  readonly regular: number;
  readonly critical: number;
  readonly notReported: number;
  /** Shares of `evaluated`; null when nothing was evaluated. */
  readonly goodShare: Percentage | null;
  readonly regularShare: Percentage | null;
  readonly criticalShare: Percentage | null;
}

export interface PerspectiveSummary extends Counts {
  readonly code: string;
  readonly name: string;
}

/** Rolled up: a unit counts its own indicators and those of every unit below it. */
export interface UnitSummary extends Counts {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
}

export interface KindSummary extends Counts {
  readonly kind: IndicatorKind;
}

export interface Summary {
  readonly plan: Counts;
  readonly byPerspective: readonly PerspectiveSummary[];
  readonly byUnit: readonly UnitSummary[];
  readonly byKind: readonly KindSummary[];
}

/** *Tipo de indicador | Medidos | Alcanzó meta | % Criterio bueno*: measured = evaluated, reached target = good. */
export interface ClosingRow {
  readonly kind: IndicatorKind | 'total';
  readonly measured: number;
  readonly reachedTarget: number;
  readonly goodShare: Percentage | null;
}

export interface JustificationEntry {
  readonly period: string;
  readonly justificationNumber: number;
  readonly text: string;
  /** Present only when true: the public version of a report omits the text. */
  readonly reserved?: true;
  readonly correctiveActions: readonly CorrectiveAction[];
  readonly recordedAt: string;
  readonly actorId: string;
}

export interface CriticalIndicator {
  readonly code: string;
  readonly name: string;
  /** Those that speak to this evaluation's window, latest first. */
  readonly justifications: readonly JustificationEntry[];
  readonly hasJustification: boolean;
}

export interface ByStatus {
  readonly good: readonly string[];
  readonly regular: readonly string[];
  readonly critical: readonly string[];
  readonly notReported: readonly string[];
  readonly notDue: readonly string[];
}

/**
 * An evaluation of a plan for a reporting period. Plain data in a fixed order
 * (perspectives in plan order, units, indicators and codes by code), every
 * quantity a string: its canonical JSON is byte-for-byte reproducible.
 */
export interface Evaluation {
  readonly planId: string;
  readonly planName: string;
  readonly institutionId: string;
  readonly fiscalYear: number;
  readonly reportingPeriod: string;
  /** Fiscal months, 1 = the first month of the fiscal year. */
  readonly window: { readonly fromMonth: number; readonly toMonth: number };
  readonly evaluationMethod: string;
  readonly evaluationScale: EvaluationScale;
  readonly indicators: readonly IndicatorEvaluation[];
  readonly byStatus: ByStatus;
  readonly critical: readonly CriticalIndicator[];
  readonly criticalWithoutJustification: readonly string[];
  readonly summary: Summary;
  /** One row per kind, then the `total` row. */
  readonly closingTable: readonly ClosingRow[];
}

export interface EvaluationOptions {
  /** Display decimals for compliance (when the indicator sets none) and for shares; 1 by default. */
  readonly decimals?: number;
}
