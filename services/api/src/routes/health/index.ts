import type { FastifyPluginAsync } from 'fastify';
import { getHealth } from './get-health.js';
import { getMetrics } from './get-metrics.js';
import { getReady } from './get-ready.js';

/** Operations: liveness and readiness probes, metrics. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  await app.register(getHealth);
  await app.register(getReady);
  await app.register(getMetrics);
};
