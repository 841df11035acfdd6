import { codeSchema, periodIdSchema } from '@semaforo/domain';
import { planParamsSchema } from '../shared/plan-params.js';

export const signOffPeriodParamsSchema = planParamsSchema.extend({
  period: periodIdSchema.describe('A period of the plan year, of any periodicity: `2021-Q2`, `2021-S1`, `2021-M05`…'),
});

export const unitPeriodParamsSchema = signOffPeriodParamsSchema.extend({ unit: codeSchema.describe('A unit of the plan.') });
