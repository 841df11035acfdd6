export { appendDecided, importEventId, stampEvent, type ImportStamp } from './append-decision.js';
export { decideImport, type DecidedEvent, type DecidedRow, type ImportDecision, type RowOutcome } from './decide-import.js';
export { evaluationEffect, type EvaluationEffect, type StatusChange } from './evaluation-effect.js';
export { conflictMessage, DOMAIN_MESSAGES, IMPORT_MESSAGES, type ImportConflict } from './import-conflict.js';
export {
  DEFAULT_IMPORT_OPTIONS,
  IMPORT_STRATEGIES,
  type ImportActor,
  type ImportFormat,
  type ImportLanguage,
  type ImportOptions,
  type ImportStrategy,
} from './import-options.js';
export { MAX_LISTED_CONFLICTS, summarize, type ConflictGroup, type ImportStatus, type ImportSummary } from './import-summary.js';
export { readImportFile, type ImportFile, type ImportSheet, type LayoutRow } from './read-import-file.js';
export { countImportRows, fileDigest, runImport, type ImportHooks, type ImportPorts, type ImportRequest } from './run-import.js';
export type { ImportJob, ImportJobState, ImportJobStore, ImportJobUpdate, ImportJobView } from './jobs/import-job.js';
export { ImportJobRunner, type ImportJobRunnerOptions } from './jobs/import-job-runner.js';
export { createMemoryImportJobStore } from './jobs/memory-import-job-store.js';
export { createSqlImportJobStore } from './jobs/sql-import-job-store.js';
