import type { FastifyPluginAsync } from 'fastify';
import { getExport } from './get-export.js';
import { getTemplate } from './get-template.js';

/** A plan's workbook in the one layout (`@semaforo/spreadsheets`): a template to fill in, and an export of what the plan holds. */
export const workbookRoutes: FastifyPluginAsync = async (app) => {
  await app.register(getTemplate);
  await app.register(getExport);
};
