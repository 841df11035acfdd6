import { plausibilityRulesInForce, plausibilityRulesSchema, type RegisteredIndicatorState } from '@semaforo/domain';
import { z } from 'zod';
import { writeOutcomeSchema } from '../shared/write-outcome.js';

const plausibilityRulesFields = z.object({
  planId: z.string(),
  code: z.string(),
  source: z
    .enum(['set', 'default'])
    .describe(
      "`set`: rules set for this indicator, which replace the defaults whole. `default`: none ever were, so its measure's defaults apply: for a `percent`, between 0 and 100 at `warn`; for every measure, the ratio check at `warn` (× 100 for a percent, × 1 otherwise).",
    ),
  rules: plausibilityRulesSchema.describe('The rules each new result is checked against; a rule left out is not checked.'),
  version: z.number().int().min(1).describe("The indicator stream's version; the `ETag` is this number, quoted."),
});

export const plausibilityRulesViewSchema = plausibilityRulesFields.meta({
  id: 'PlausibilityRules',
  description: "An indicator's plausibility rules in force: the ones set, or its measure's defaults.",
});
export type PlausibilityRulesView = z.output<typeof plausibilityRulesViewSchema>;

export const plausibilityRulesWriteAnswerSchema = plausibilityRulesFields
  .extend({ write: writeOutcomeSchema })
  .meta({ id: 'PlausibilityRulesWriteAnswer', description: 'The rules in force right after the write, and what the write did (`write`).' });

export const toPlausibilityRulesView = (indicator: RegisteredIndicatorState, version: number): PlausibilityRulesView => ({
  planId: indicator.planId,
  code: indicator.code,
  source: indicator.plausibilityRules === undefined ? 'default' : 'set',
  rules: plausibilityRulesInForce(indicator.definition.measure, indicator.plausibilityRules),
  version,
});
