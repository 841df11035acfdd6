import { codeSchema, planIdSchema } from '@semaforo/domain';
import { z } from 'zod';

export const planParamsSchema = z.object({
  planId: planIdSchema.describe('`<institution>-<fiscal year>`, as `POST /v1/plans` answered, e.g. `upisss-2021`.'),
});

export const planItemParamsSchema = planParamsSchema.extend({ code: codeSchema.describe('The code within the plan.') });

export const planPath = (planId: string): string => `/v1/plans/${planId}`;
