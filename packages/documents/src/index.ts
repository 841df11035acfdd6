export { auditEntriesToCsv } from './audit-csv.js';
export { CSV_VERSIONS, LATEST_CSV_VERSION, parseCsvVersion, writeCsv, type CsvCell, type CsvVersion } from './csv.js';
export { differenceToCsv, type DifferenceCause, type DifferenceDocument } from './difference-csv.js';
export { evaluationToCsv } from './evaluation-csv.js';
export type { DocumentKind, DocumentSubject } from './document-subject.js';
export { attachmentDisposition, documentFileName } from './file-name.js';
export { resultHistoryToCsv, targetHistoryToCsv } from './history-csv.js';
export { LABELS, type DocumentLabels, type DocumentLanguage } from './labels.js';
export { summaryToCsv } from './summary-csv.js';
export * from './report/index.js';
export {
  discoveryFileName,
  indicatorsToCsv,
  periodsToCsv,
  plansToCsv,
  unitsToCsv,
  type DiscoveryKind,
  type IndicatorRow,
  type PeriodRow,
  type PlanRow,
  type UnitRow,
} from './discovery-csv.js';
