import type { FastifyPluginAsync } from 'fastify';
import { getAuditTrail } from './get-audit-trail.js';

/** The audit trail of a plan: every change, filtered and paged, as of any position. */
export const auditRoutes: FastifyPluginAsync = async (app) => {
  await app.register(getAuditTrail);
};
