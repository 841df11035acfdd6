import { z } from 'zod';
import { decimalStringSchema, isZero, parseDecimal, signedDecimalStringSchema } from '../decimal/index.js';

/** `refuse`: the result is not recorded. `warn`: it is, with the warning (DHIS2's follow-up flag). */
export const PLAUSIBILITY_LEVELS = ['refuse', 'warn'] as const;
export const plausibilityLevelSchema = z.enum(PLAUSIBILITY_LEVELS);
export type PlausibilityLevel = z.infer<typeof plausibilityLevelSchema>;

export const PLAUSIBILITY_RULE_NAMES = ['minimum', 'maximum', 'ratioCheck'] as const;
export const plausibilityRuleNameSchema = z.enum(PLAUSIBILITY_RULE_NAMES);
export type PlausibilityRuleName = z.infer<typeof plausibilityRuleNameSchema>;

export const POSITIVE_SCALE_MESSAGE = 'must be greater than zero, e.g. "100" for a percent or "1"';

const boundRuleSchema = z.object({
  value: signedDecimalStringSchema.describe('The bound, inclusive: a result equal to it passes.'),
  level: plausibilityLevelSchema,
});

const ratioCheckSchema = z.object({
  scale: decimalStringSchema
    .refine((scale) => !isZero(parseDecimal(scale)), { error: POSITIVE_SCALE_MESSAGE })
    .describe('The result must be numerator / denominator × scale: "100" for a percent, "1000" for a rate per thousand, "1" for a plain ratio.'),
  level: plausibilityLevelSchema,
});

/**
 * An indicator's plausibility rules. Set explicitly they replace the defaults
 * whole (see `plausibilityRulesInForce`): a rule left out is not checked.
 */
export const plausibilityRulesSchema = z.object({
  minimum: boundRuleSchema.optional().describe('A result below it is implausible.'),
  maximum: boundRuleSchema.optional().describe('A result above it is implausible.'),
  ratioCheck: ratioCheckSchema.optional().describe('Checked only when the result comes with a numerator and a denominator.'),
});
export type PlausibilityRules = z.infer<typeof plausibilityRulesSchema>;
