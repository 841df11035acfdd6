import { runImport, type ImportHooks, type ImportPorts } from '../run-import.js';
import type { ImportSummary } from '../import-summary.js';
import type { ImportJob, ImportJobStore } from './import-job.js';

export interface ImportJobRunnerOptions {
  /** Rows per append, and so per progress update (default 500). */
  readonly chunkRows?: number;
  readonly maxExpandedBytes?: number;
  /** Told of a job that failed (the job's own record says why too). */
  readonly onError?: (jobId: string, error: unknown) => void;
}

/**
 * Runs import jobs one at a time, in the order they came, recording each
 * step in the job store: started, decided (with the summary), every chunk
 * appended, done. A job found unfinished when the process starts
 * (`resumeUnfinished`) is run again from the start: its rows already
 * appended are decided as "the same value again" and append nothing, the
 * rest are appended with the event ids they would have had, so a job is
 * applied once however often it is interrupted; it answers the summary of
 * its first decision.
 */
export class ImportJobRunner {
  readonly #ports: ImportPorts;
  readonly #jobs: ImportJobStore;
  readonly #options: ImportJobRunnerOptions;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(ports: ImportPorts, jobs: ImportJobStore, options: ImportJobRunnerOptions = {}) {
    this.#ports = ports;
    this.#jobs = jobs;
    this.#options = options;
  }

  /** Keeps the job, then runs it in the background: its id answers `GET` at once. */
  async submit(job: ImportJob): Promise<void> {
    await this.#jobs.create(job);
    this.#enqueue(job);
  }

  async resumeUnfinished(): Promise<number> {
    const jobs = await this.#jobs.unfinished();
    for (const job of jobs) this.#enqueue(job);
    return jobs.length;
  }

  /** Resolves when every job queued so far has finished (or the runner was closed). */
  idle(): Promise<void> {
    return this.#queue;
  }

  /** No new job starts; the one running finishes its current chunk and stops there (it resumes on the next start). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
  }

  #enqueue(job: ImportJob): void {
    this.#queue = this.#queue.then(() => (this.#closed ? undefined : this.#run(job)));
  }

  async #run(job: ImportJob): Promise<void> {
    const jobs = this.#jobs;
    let rowsDone = 0;
    try {
      const known = (await jobs.get(job.jobId))?.summary;
      await jobs.record(job.jobId, { state: 'started', rowsDone: 0, rowsTotal: known?.file.rows ?? null });
      let decided: ImportSummary | undefined = known;
      const hooks: ImportHooks = {
        chunkRows: this.#options.chunkRows ?? 500,
        ...(this.#options.maxExpandedBytes === undefined ? {} : { maxExpandedBytes: this.#options.maxExpandedBytes }),
        onDecided: async (summary) => {
          if (decided !== undefined) return;
          decided = summary;
          await jobs.record(job.jobId, { state: 'running', rowsDone: 0, rowsTotal: summary.file.rows, summary });
        },
        onProgress: async (done, rowsTotal) => {
          rowsDone = done;
          await jobs.record(job.jobId, { state: 'running', rowsDone, rowsTotal });
          if (this.#closed) throw new RunnerClosed();
        },
      };
      const summary = await runImport(
        this.#ports,
        { bytes: job.bytes, format: job.format, options: job.options, actor: job.actor, requestId: job.requestId, recordedAt: job.recordedAt },
        hooks,
      );
      const answer = decided ?? summary;
      await jobs.record(job.jobId, { state: 'done', rowsDone: answer.file.rows, rowsTotal: answer.file.rows, summary: answer });
    } catch (error) {
      if (error instanceof RunnerClosed) return;
      this.#options.onError?.(job.jobId, error);
      await jobs
        .record(job.jobId, {
          state: 'failed',
          rowsDone,
          rowsTotal: null,
          error: `The import stopped after ${rowsDone} rows were applied: ${(error as Error).message}`,
        })
        .catch(() => undefined);
    }
  }
}

class RunnerClosed extends Error {}
