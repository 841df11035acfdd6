export { canonicalJson } from '@semaforo/canonical-json';
export { DEFAULT_DISPLAY_DECIMALS, UnknownEvaluationMethodError, evaluatePlan } from './evaluate-plan.js';
export { evaluationCanonicalJson } from './evaluation-canonical-json.js';
export { evaluationDigest } from './evaluation-digest.js';
export { foldPlanFacts, type PlanLogEvent } from './fold-plan-facts.js';
export { compareCodes, type IndicatorFacts, type JustificationFact, type PlanFacts } from './plan-facts.js';
export {
  EVALUATION_STATUSES,
  type ByStatus,
  type ClosingRow,
  type Counts,
  type CriticalIndicator,
  type Evaluation,
  type EvaluationOptions,
  type EvaluationStatus,
  type IndicatorEvaluation,
  type JustificationEntry,
  type KindSummary,
  type Percentage,
  type PeriodFigures,
  type PerspectiveSummary,
  type ReasonNotEvaluated,
  type Summary,
  type UnitSummary,
} from './evaluation.js';
