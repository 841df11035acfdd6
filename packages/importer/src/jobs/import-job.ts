import type { ImportActor, ImportFormat, ImportOptions } from '../import-options.js';
import type { ImportSummary } from '../import-summary.js';

/** An import run in the background: the file and everything needed to run it again exactly as asked. */
export interface ImportJob {
  readonly jobId: string;
  readonly format: ImportFormat;
  readonly options: ImportOptions;
  readonly actor: ImportActor;
  readonly requestId: string;
  /** When it was asked: every event it appends records this instant, so a resumed run appends the same bytes. */
  readonly recordedAt: string;
  readonly bytes: Uint8Array;
}

export type ImportJobState = 'queued' | 'running' | 'done' | 'failed';

/** What an update records: a run `started` (the first, or again after a restart), then `running` progress. */
export type ImportJobStep = ImportJobState | 'started';

/** One line of a job's history; the newest says where it is. */
export interface ImportJobUpdate {
  readonly state: ImportJobStep;
  readonly rowsDone: number;
  readonly rowsTotal: number | null;
  /** From the moment every row is decided: the summary the job answers. */
  readonly summary?: ImportSummary;
  /** Why it failed, for a person. */
  readonly error?: string;
}

export interface ImportJobView extends Omit<ImportJobUpdate, 'state'> {
  readonly state: ImportJobState;
  readonly jobId: string;
  readonly planId: string;
  /** How many times the job was (re)started: 1, or more after a restart of the service. */
  readonly runs: number;
}

/**
 * Jobs and their progress, kept insert-only (a job row, then one row per
 * update), so a restarted process knows every job that did not finish and
 * what it had done.
 */
export interface ImportJobStore {
  create(job: ImportJob): Promise<void>;
  record(jobId: string, update: ImportJobUpdate): Promise<void>;
  get(jobId: string): Promise<ImportJobView | undefined>;
  /** Jobs whose newest update is neither `done` nor `failed`, oldest first. */
  unfinished(): Promise<ImportJob[]>;
}
