import type { FastifyPluginAsync } from 'fastify';
import { getHealth } from './get-health.js';
import { getReady } from './get-ready.js';
import { getRoot } from './get-root.js';

/** Operations: liveness and readiness probes, and where `/` leads. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  await app.register(getRoot);
  await app.register(getHealth);
  await app.register(getReady);
};
