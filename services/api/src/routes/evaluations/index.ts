import type { FastifyPluginAsync } from 'fastify';
import { getEvaluationSummary } from './get-evaluation-summary.js';
import { getEvaluation } from './get-evaluation.js';

/**
 * Evaluations of a plan for a reporting period, read from the
 * `evaluation-facts` read model, as of any projected position.
 */
export const evaluationRoutes: FastifyPluginAsync = async (app) => {
  // The projector's refusals, by code (other read routes may register the same answers).
  app.registerProblemMapping('INVALID_AS_OF', 400);
  app.registerProblemMapping('AS_OF_NOT_YET_PROJECTED', 409);
  app.registerProblemMapping('PROJECTION_NOT_LIVE', 503);
  await app.register(getEvaluation);
  await app.register(getEvaluationSummary);
};
