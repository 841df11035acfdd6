import type { FastifyPluginAsync } from 'fastify';
import { accessRoutes } from './access/index.js';
import { auditRoutes } from './audit/index.js';
import { discoveryRoutes } from './discovery/index.js';
import { editionRoutes } from './editions/index.js';
import { evaluationRoutes } from './evaluations/index.js';
import { healthRoutes } from './health/index.js';
import { historyRoutes } from './history/index.js';
import { importRoutes } from './imports/index.js';
import { indicatorRoutes } from './indicators/index.js';
import { planRoutes } from './plans/index.js';
import { reportRoutes } from './reports/index.js';
import { signOffRoutes } from './sign-off/index.js';
import { workbookRoutes } from './workbooks/index.js';

/**
 * Every capability of the API, one line each. To add one (plans,
 * indicators...): a folder `routes/<capability>/` with one file per route,
 * each a `FastifyPluginAsyncZod` declaring params, query, body and every
 * response status (`...problemResponses(400, 404, 412)` for the errors),
 * an `index.ts` registering them, and a line here.
 */
export const routes: FastifyPluginAsync = async (app) => {
  await app.register(healthRoutes);
  await app.register(planRoutes);
  await app.register(indicatorRoutes);
  await app.register(evaluationRoutes);
  await app.register(editionRoutes);
  await app.register(reportRoutes);
  await app.register(historyRoutes);
  await app.register(signOffRoutes);
  await app.register(auditRoutes);
  await app.register(accessRoutes);
  await app.register(importRoutes);
  await app.register(discoveryRoutes);
  await app.register(workbookRoutes);
};
