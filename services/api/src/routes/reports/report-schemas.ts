import { periodIdSchema, planIdSchema } from '@semaforo/domain';
import { z } from 'zod';

export const reportParamsSchema = z.object({
  planId: planIdSchema.describe('`<institution>-<fiscal year>`, e.g. `upisss-2023`.'),
  period: periodIdSchema.describe("A period of the plan's fiscal year: `2023-Q2`, `2023-S1`, `2023`…"),
});

export const verificationParamsSchema = z.object({ planId: planIdSchema.describe('The plan the document is a report of.') });

export const verificationResponseSchema = z
  .object({
    genuine: z.boolean().describe('Regenerated from what the file says it is, the bytes are the same.'),
    verdict: z.enum(['genuine', 'not-genuine']),
    reason: z
      .enum(['digest-differs', 'bytes-differ'])
      .optional()
      .describe('`digest-differs`: the evaluation at that position is not the one the file names; `bytes-differ`: it is, but the file was changed.'),
    planId: z.string(),
    period: z.string(),
    position: z.string(),
    digest: z.string().describe('The digest the file prints.'),
    regeneratedDigest: z.string().describe('The digest of the evaluation at that position.'),
    layout: z.string(),
    format: z.string(),
    language: z.string(),
    version: z.string(),
    edition: z.number().int().nullable(),
    message: z.object({ es: z.string(), en: z.string() }).describe('The verdict in words.'),
  })
  .meta({ id: 'ReportVerification' });
