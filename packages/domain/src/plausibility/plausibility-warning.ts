import { z } from 'zod';
import { signedDecimalStringSchema } from '../decimal/index.js';
import { plausibilityRuleNameSchema } from './plausibility-rules.js';

/**
 * A rule at level `warn` that a result broke, stored with the result's event:
 * the rule as it was then is part of the answer for ever, whatever the rules
 * say later. The facts, not a sentence: each reader words it in its language.
 */
export const plausibilityWarningSchema = z.object({
  rule: plausibilityRuleNameSchema,
  level: z.literal('warn'),
  /** The minimum or maximum the result is beyond. */
  bound: signedDecimalStringSchema.optional(),
  /** numerator / denominator × scale, rounded as the result is; absent when the denominator is zero. */
  expected: signedDecimalStringSchema.optional(),
  scale: z.string().optional(),
});
export type PlausibilityWarning = z.infer<typeof plausibilityWarningSchema>;

/** Present only when there is one, so a result that breaks nothing reads as results did before the rules existed. */
export const plausibilityWarningsSchema = z.array(plausibilityWarningSchema).min(1).optional();
