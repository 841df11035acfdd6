export { buildReport, sentenceInput, type ReportInput } from './build-report.js';
export { DEFAULT_NUMBER_FORMAT, formatCurrencyText, formatNumber, formatPercentText, type NumberFormat } from './number-format.js';
export type { CountsSentenceInput, ReportLabels, SentencePart } from './report-labels.js';
export type * from './report-model.js';
export { STATUS_COLORS } from './status-colors.js';
export { countsChartSvg, sharesChartSvg } from './report-charts-svg.js';
export {
  LATEST_REPORT_LAYOUT,
  REPORT_CONTENT_TYPES,
  REPORT_LAYOUTS,
  UnknownReportLayoutError,
  isReportLayout,
  renderReport,
  type RenderOptions,
} from './report-layouts.js';
export { REPORT_FORMATS, REPORT_VERSIONS, readReportStamp, writeReportStamp, type ReportFormat, type ReportStamp, type ReportVersion } from './report-stamp.js';
export { renderEvaluationReport, type RenderedReport } from './render-evaluation-report.js';
export { verifyReport, type RegenerateReport, type ReportVerification } from './verify-report.js';
