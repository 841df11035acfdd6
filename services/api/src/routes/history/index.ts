import type { FastifyPluginAsync } from 'fastify';
import { getResultHistory } from './get-result-history.js';
import { getTargetHistory } from './get-target-history.js';

/** Histories: an indicator's targets and results, every change old → new, as of any position. */
export const historyRoutes: FastifyPluginAsync = async (app) => {
  await app.register(getTargetHistory);
  await app.register(getResultHistory);
};
