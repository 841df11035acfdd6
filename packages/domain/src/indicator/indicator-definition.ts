import { z } from 'zod';
import { accumulationSchema, polaritySchema } from '../compliance/index.js';
import { periodicitySchema } from '../period/index.js';
import { codeSchema, textSchema } from '../shared/text.js';

export const INDICATOR_KINDS = ['result', 'production'] as const;
export const indicatorKindSchema = z.enum(INDICATOR_KINDS);
export type IndicatorKind = z.infer<typeof indicatorKindSchema>;

export const MEASURES = ['percent', 'count', 'currency', 'days', 'months', 'ratio', 'index'] as const;
export const measureSchema = z.enum(MEASURES);
export type Measure = z.infer<typeof measureSchema>;

/** What an indicator is and how it is judged; everything but its code can be amended. */
export const indicatorDefinitionSchema = z.object({
  name: textSchema(500),
  kind: indicatorKindSchema,
  perspective: codeSchema,
  unit: codeSchema,
  measure: measureSchema,
  periodicity: periodicitySchema,
  polarity: polaritySchema,
  accumulation: accumulationSchema,
  /** Numerator and denominator described in words. */
  formula: textSchema(4000),
  /** Decimals to display; the evaluation default (one) when absent. */
  decimals: z.number().int().min(0).max(6).optional(),
  strategicObjective: textSchema(200).optional(),
});
export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;

export const INDICATOR_DEFINITION_FIELDS = Object.keys(indicatorDefinitionSchema.shape) as (keyof IndicatorDefinition)[];
