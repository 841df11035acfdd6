export { buildReport, sentenceInput, type ReportInput } from './build-report.js';
export { DEFAULT_NUMBER_FORMAT, formatCurrencyText, formatNumber, formatPercentText, type NumberFormat } from './number-format.js';
export type { CountsSentenceInput, ReportLabels, SentencePart } from './report-labels.js';
export type * from './report-model.js';
export { REPORT_VERSIONS } from './report-model.js';
export { STATUS_COLORS } from './status-colors.js';
export { LATEST_XLSX_LAYOUT, XLSX_LAYOUT_VERSIONS, renderReportXlsx, type XlsxLayoutVersion } from './report-xlsx.js';
