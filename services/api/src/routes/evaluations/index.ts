import type { FastifyPluginAsync } from 'fastify';
import { getEvaluationSummary } from './get-evaluation-summary.js';
import { getEvaluation } from './get-evaluation.js';

/**
 * Evaluations of a plan for a reporting period, read from the
 * `evaluation-facts` read model, as of any projected position.
 */
export const evaluationRoutes: FastifyPluginAsync = async (app) => {
  await app.register(getEvaluation);
  await app.register(getEvaluationSummary);
};
