import { codeSchema, periodIdSchema } from '@semaforo/domain';
import { planParamsSchema, planPath } from '../shared/plan-params.js';

export const indicatorParamsSchema = planParamsSchema.extend({
  code: codeSchema.describe("The indicator's code in the plan, e.g. `IE-DNGF-NA-11`."),
});

export const indicatorPeriodParamsSchema = indicatorParamsSchema.extend({
  period: periodIdSchema.describe("A period of the plan's year: `2021`, `2021-S1`, `2021-T2`, `2021-Q3`, `2021-B4`, `2021-M05`."),
});

export const indicatorPath = (planId: string, code: string): string => `${planPath(planId)}/indicators/${code}`;
