import type { FastifyPluginAsync } from 'fastify';
import { addPerspective } from './add-perspective.js';
import { changeUnit } from './change-unit.js';
import { changeEvaluationScale } from './change-evaluation-scale.js';
import { chooseNumberFormat } from './choose-number-format.js';
import { defineUnit } from './define-unit.js';
import { getPerspective } from './get-perspective.js';
import { getPlanEvents } from './get-plan-events.js';
import { getPlan } from './get-plan.js';
import { getUnit } from './get-unit.js';
import { openPlan } from './open-plan.js';
import { renamePerspective } from './rename-perspective.js';
import { retirePerspective } from './retire-perspective.js';
import { retireUnit } from './retire-unit.js';

/** Plans: their structure (perspectives and units, renamed, moved and retired; evaluation scale, number format) and its event stream. */
export const planRoutes: FastifyPluginAsync = async (app) => {
  await app.register(openPlan);
  await app.register(addPerspective);
  await app.register(defineUnit);
  await app.register(renamePerspective);
  await app.register(retirePerspective);
  await app.register(changeUnit);
  await app.register(retireUnit);
  await app.register(changeEvaluationScale);
  await app.register(chooseNumberFormat);
  await app.register(getPlan);
  await app.register(getPerspective);
  await app.register(getUnit);
  await app.register(getPlanEvents);
};
