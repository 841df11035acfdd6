// The hand-made plan the report's golden files are rendered from, for suites beyond this package (layout in a browser).
export {
  LONG_INDICATOR_NAME,
  LONG_UNIT_NAME,
  REPORT_DATED_AT,
  REPORT_PERIOD,
  REPORT_POSITION,
  reportPlanEvaluation,
  reportPlanFacts,
  reportPlanModel,
} from '../report/report-plan.fixture.js';
