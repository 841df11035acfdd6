import { z } from 'zod';
import { codeSchema } from '../shared/text.js';
import { plausibilityRulesSchema } from './plausibility-rules.js';

export const plausibilityRulesSetSchema = z.object({
  type: z.literal('PlausibilityRulesSet'),
  data: z.object({
    planId: z.string(),
    code: codeSchema,
    rules: plausibilityRulesSchema,
    /** The rules set before, so the audit trail can show before → after; null: none were, the defaults applied. */
    previous: plausibilityRulesSchema.nullable(),
  }),
});
export type PlausibilityRulesSet = z.infer<typeof plausibilityRulesSetSchema>;
