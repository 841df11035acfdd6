import type { FastifyPluginAsync } from 'fastify';
import { getUnitTree } from './get-unit-tree.js';
import { listIndicators } from './list-indicators.js';
import { listPeriods } from './list-periods.js';
import { listPlans } from './list-plans.js';

/** Discovery: what there is to read, without knowing a code first (plans, indicators, periods, units). */
export const discoveryRoutes: FastifyPluginAsync = async (app) => {
  await app.register(listPlans);
  await app.register(listIndicators);
  await app.register(listPeriods);
  await app.register(getUnitTree);
};
