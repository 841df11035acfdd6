export { EVALUATION_FACTS_SCHEMA, evaluationFactsProjection } from './evaluation-facts-projection.js';
export { evaluationAsOf, evaluationFactsAsOf, type EvaluationAsOf } from './evaluation-as-of.js';
export { planFactsAt } from './plan-facts-at.js';
export { FACT_EVENT_TYPES } from './fact-event.js';
export type { EvaluationFactsDatabase } from './tables.js';
export { reportFactsAsOf, type ReportFactsAsOf } from './report-facts-as-of.js';
