import type { FastifyPluginAsync } from 'fastify';
import { addJustification } from './add-justification.js';
import { amendIndicator } from './amend-indicator.js';
import { getIndicatorEvents } from './get-indicator-events.js';
import { getIndicator } from './get-indicator.js';
import { getJustifications } from './get-justifications.js';
import { getPlausibilityRules } from './get-plausibility-rules.js';
import { registerIndicator } from './register-indicator.js';
import { reportResult } from './report-result.js';
import { retireIndicator } from './retire-indicator.js';
import { setPlausibilityRules } from './set-plausibility-rules.js';
import { setTarget } from './set-target.js';

/** Indicators of a plan: definition, targets, results, justifications, plausibility rules, and their event stream. */
export const indicatorRoutes: FastifyPluginAsync = async (app) => {
  await app.register(registerIndicator);
  await app.register(amendIndicator);
  await app.register(retireIndicator);
  await app.register(setTarget);
  await app.register(reportResult);
  await app.register(addJustification);
  await app.register(setPlausibilityRules);
  await app.register(getIndicator);
  await app.register(getJustifications);
  await app.register(getPlausibilityRules);
  await app.register(getIndicatorEvents);
};
