import type { SqlClient } from '@semaforo/sql';
import type { ImportSummary } from '../import-summary.js';
import type { ImportJob, ImportJobStep, ImportJobStore, ImportJobUpdate } from './import-job.js';
import { viewOf } from './memory-import-job-store.js';

// Any constant works; the same in every process that creates the tables.
const CREATE_LOCK = '7120263543109472311';

/**
 * Jobs in the deployment's database, insert-only: `import_jobs` holds each
 * job as asked (the file itself, base64, so a restarted process can run it
 * again), `import_job_updates` one row per step (running, each chunk
 * appended, done or failed with the summary). Not events: a job is how an
 * import was carried out, not a fact of the plan; the facts are the events
 * it appended.
 */
export async function createSqlImportJobStore(sql: SqlClient): Promise<ImportJobStore> {
  await sql.transaction(async (conn) => {
    // Several processes may start at once: CREATE ... IF NOT EXISTS alone can still race on PostgreSQL's catalogs.
    await conn.query('SELECT pg_advisory_xact_lock($1::bigint)', [CREATE_LOCK]);
    await conn.query(`CREATE TABLE IF NOT EXISTS import_jobs (
      job_id text PRIMARY KEY,
      plan_id text NOT NULL,
      format text NOT NULL,
      options jsonb NOT NULL,
      actor jsonb NOT NULL,
      request_id text NOT NULL,
      recorded_at text NOT NULL,
      file_base64 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await conn.query(`CREATE TABLE IF NOT EXISTS import_job_updates (
      sequence bigserial PRIMARY KEY,
      job_id text NOT NULL REFERENCES import_jobs (job_id),
      state text NOT NULL CHECK (state IN ('queued', 'started', 'running', 'done', 'failed')),
      rows_done integer NOT NULL,
      rows_total integer,
      summary jsonb,
      error text,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await conn.query('CREATE INDEX IF NOT EXISTS import_job_updates_job_idx ON import_job_updates (job_id, sequence)');
  });

  const insertUpdate = (jobId: string, update: ImportJobUpdate) =>
    sql.query('INSERT INTO import_job_updates (job_id, state, rows_done, rows_total, summary, error) VALUES ($1, $2, $3, $4, $5::jsonb, $6)', [
      jobId,
      update.state,
      update.rowsDone,
      update.rowsTotal,
      update.summary === undefined ? null : JSON.stringify(update.summary),
      update.error ?? null,
    ]);

  const updatesOf = async (jobId: string): Promise<ImportJobUpdate[]> => {
    const rows = await sql.query<{ state: ImportJobStep; rows_done: number; rows_total: number | null; summary: ImportSummary | null; error: string | null }>(
      'SELECT state, rows_done, rows_total, summary, error FROM import_job_updates WHERE job_id = $1 ORDER BY sequence',
      [jobId],
    );
    return rows.rows.map((r) => ({
      state: r.state,
      rowsDone: r.rows_done,
      rowsTotal: r.rows_total,
      ...(r.summary === null ? {} : { summary: r.summary }),
      ...(r.error === null ? {} : { error: r.error }),
    }));
  };

  type JobRow = {
    job_id: string;
    format: ImportJob['format'];
    options: ImportJob['options'];
    actor: ImportJob['actor'];
    request_id: string;
    recorded_at: string;
    file_base64: string;
  };
  const jobOf = (row: JobRow): ImportJob => ({
    jobId: row.job_id,
    format: row.format,
    options: row.options,
    actor: row.actor,
    requestId: row.request_id,
    recordedAt: row.recorded_at,
    bytes: Buffer.from(row.file_base64, 'base64'),
  });

  return {
    async create(job) {
      await sql.transaction(async (conn) => {
        await conn.query(
          'INSERT INTO import_jobs (job_id, plan_id, format, options, actor, request_id, recorded_at, file_base64) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8)',
          [
            job.jobId,
            job.options.planId,
            job.format,
            JSON.stringify(job.options),
            JSON.stringify(job.actor),
            job.requestId,
            job.recordedAt,
            Buffer.from(job.bytes).toString('base64'),
          ],
        );
        await conn.query("INSERT INTO import_job_updates (job_id, state, rows_done) VALUES ($1, 'queued', 0)", [job.jobId]);
      });
    },
    async record(jobId, update) {
      await insertUpdate(jobId, update);
    },
    async get(jobId) {
      const rows = await sql.query<{ job_id: string; options: ImportJob['options'] }>('SELECT job_id, options FROM import_jobs WHERE job_id = $1', [jobId]);
      const row = rows.rows[0];
      if (row === undefined) return undefined;
      return viewOf({ jobId: row.job_id, options: row.options }, await updatesOf(jobId));
    },
    async unfinished() {
      const rows = await sql.query<JobRow>(
        `SELECT j.job_id, j.format, j.options, j.actor, j.request_id, j.recorded_at, j.file_base64 FROM import_jobs j
         WHERE (SELECT u.state FROM import_job_updates u WHERE u.job_id = j.job_id ORDER BY u.sequence DESC LIMIT 1) NOT IN ('done', 'failed')
         ORDER BY j.created_at, j.job_id`,
      );
      return rows.rows.map(jobOf);
    },
  };
}
