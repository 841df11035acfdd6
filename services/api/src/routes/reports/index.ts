import type { FastifyPluginAsync } from 'fastify';
import { getEvaluationReport } from './get-evaluation-report.js';
import { verifyReportDocument } from './verify-report-document.js';

/** The evaluation report as a document (HTML, PDF), and the verification of a copy. */
export const reportRoutes: FastifyPluginAsync = async (app) => {
  await app.register(getEvaluationReport);
  await app.register(verifyReportDocument);
};
