import type { ImportJob, ImportJobStore, ImportJobUpdate, ImportJobView } from './import-job.js';

/** Jobs in this process only (an API without a database for them: tests); a restart forgets them. */
export function createMemoryImportJobStore(): ImportJobStore {
  const jobs = new Map<string, { job: ImportJob; updates: ImportJobUpdate[] }>();
  return {
    async create(job) {
      jobs.set(job.jobId, { job, updates: [{ state: 'queued', rowsDone: 0, rowsTotal: null }] });
    },
    async record(jobId, update) {
      jobs.get(jobId)?.updates.push(update);
    },
    async get(jobId) {
      const entry = jobs.get(jobId);
      return entry === undefined ? undefined : viewOf(entry.job, entry.updates);
    },
    async unfinished() {
      return [...jobs.values()].filter(({ updates }) => !isFinished(updates[updates.length - 1]!)).map(({ job }) => job);
    },
  };
}

export const isFinished = (update: ImportJobUpdate): boolean => update.state === 'done' || update.state === 'failed';

/** The newest update, with the summary of the newest update that had one (a resumed job keeps its first decision's). */
export function viewOf(job: Pick<ImportJob, 'jobId' | 'options'>, updates: readonly ImportJobUpdate[]): ImportJobView {
  const last = updates[updates.length - 1]!;
  const summary = [...updates].reverse().find((u) => u.summary !== undefined)?.summary;
  const rowsTotal = [...updates].reverse().find((u) => u.rowsTotal !== null)?.rowsTotal ?? null;
  return {
    jobId: job.jobId,
    planId: job.options.planId,
    state: last.state === 'started' ? 'running' : last.state,
    rowsDone: last.rowsDone,
    rowsTotal,
    runs: updates.filter((u) => u.state === 'started').length,
    ...(summary === undefined ? {} : { summary }),
    ...(last.error === undefined ? {} : { error: last.error }),
  };
}
