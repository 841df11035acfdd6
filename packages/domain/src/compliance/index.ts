export { ACCUMULATIONS, accumulationSchema, type Accumulation } from './accumulation.js';
export { accumulate, accumulateDecimals } from './accumulate.js';
export {
  DEFAULT_EVALUATION_SCALE,
  assertEvaluationScale,
  evaluationScaleSchema,
  scaleBounds,
  statusForPercent,
  statusWithin,
  type EvaluationScale,
  type ScaleBounds,
} from './evaluation-scale.js';
export { evaluateCompliance, evaluateComplianceBy, type Compliance, type ComplianceInput } from './evaluate-compliance.js';
export { formatPercent } from './format-percent.js';
export { POLARITIES, polaritySchema, type Polarity } from './polarity.js';
export { STATUSES, statusSchema, type Status } from './status.js';
