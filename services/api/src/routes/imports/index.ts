import type { FastifyPluginAsync } from 'fastify';
import { getImportJob } from './get-import-job.js';
import { importFile } from './import-file.js';

/** Imports: a CSV or a workbook into a plan, through the write path; large ones as jobs. */
export const importRoutes: FastifyPluginAsync = async (app) => {
  await app.register(importFile);
  await app.register(getImportJob);
};
