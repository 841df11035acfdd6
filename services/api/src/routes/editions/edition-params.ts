import { periodIdSchema, planIdSchema } from '@semaforo/domain';
import { z } from 'zod';

export const periodParamsSchema = z.object({
  planId: planIdSchema.describe('`<institution>-<fiscal year>`, e.g. `upisss-2021`.'),
  period: periodIdSchema.describe("A period of the plan's fiscal year, e.g. `2021-Q2`."),
});

export const editionParamsSchema = periodParamsSchema.extend({
  edition: z.coerce.number().int().min(1).max(1_000_000).describe('The edition number: 1 for the first publication of the period.'),
});

export const editionsPath = (planId: string, period: string): string => `/v1/plans/${planId}/evaluations/${period}/editions`;
