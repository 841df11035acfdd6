import { z } from 'zod';
import type { Message } from '../shared/message.js';
import { codeSchema, reasonSchema } from '../shared/text.js';
import { plausibilityRulesSchema } from './plausibility-rules.js';

export const setPlausibilityRulesDataSchema = z.object({
  code: codeSchema,
  rules: plausibilityRulesSchema,
  reason: reasonSchema.optional(),
});
export type SetPlausibilityRules = Message<'SetPlausibilityRules', z.infer<typeof setPlausibilityRulesDataSchema>>;
