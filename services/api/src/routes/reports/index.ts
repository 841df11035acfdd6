import type { FastifyPluginAsync } from 'fastify';
import { getEditionReport } from './get-edition-report.js';
import { getEvaluationReport } from './get-evaluation-report.js';
import { verifyReportDocument } from './verify-report-document.js';

/** The evaluation report as a document (HTML, PDF, XLSX), of an evaluation or of a published edition, and the verification of a copy. */
export const reportRoutes: FastifyPluginAsync = async (app) => {
  await app.register(getEvaluationReport);
  await app.register(getEditionReport);
  await app.register(verifyReportDocument);
};
