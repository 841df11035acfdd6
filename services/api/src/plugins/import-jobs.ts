import { createMemoryImportJobStore, createSqlImportJobStore, ImportJobRunner, type ImportJobStore } from '@semaforo/importer';
import type { SqlClient } from '@semaforo/sql';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Imports too long for one request: kept in `importJobStore`, run one at a time. */
    importJobs: ImportJobRunner;
    importJobStore: ImportJobStore;
  }
}

export interface ImportJobsOptions {
  /** The deployment's database: jobs survive a restart there. Without it, jobs live in this process only. */
  readonly sql?: SqlClient | undefined;
  /** Rows per append (and progress update) of a job; default 500. */
  readonly chunkRows?: number;
}

/**
 * The import jobs of this process. Once the app is ready, every job a
 * previous process left unfinished (a crash, a restart) is run again; on
 * close, the job running stops after its current chunk and is resumed by
 * the next start.
 */
const plugin: FastifyPluginAsync<ImportJobsOptions> = async (app, options) => {
  const store = options.sql === undefined ? createMemoryImportJobStore() : await createSqlImportJobStore(options.sql);
  const runner = new ImportJobRunner({ writeSide: app.writeSide, store: app.store }, store, {
    ...(options.chunkRows === undefined ? {} : { chunkRows: options.chunkRows }),
    onError: (jobId, error) => app.log.error({ err: error, jobId }, 'import job failed'),
  });
  app.decorate('importJobs', runner);
  app.decorate('importJobStore', store);
  app.addHook('onReady', async () => {
    const resumed = await runner.resumeUnfinished();
    if (resumed > 0) app.log.info({ resumed }, 'resuming unfinished import jobs');
  });
  app.addHook('onClose', async () => runner.close());
};

export const importJobs = fp(plugin, { name: 'import-jobs', fastify: '5.x', dependencies: ['event-store', 'write-side'] });
