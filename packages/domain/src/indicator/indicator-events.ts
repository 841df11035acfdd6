import { z } from 'zod';
import { signedDecimalStringSchema } from '../decimal/index.js';
import { periodIdSchema } from '../period/index.js';
import { calendarDateSchema, codeSchema, textSchema } from '../shared/text.js';
import { plausibilityRulesSetSchema } from '../plausibility/plausibility-events.js';
import { plausibilityWarningsSchema } from '../plausibility/plausibility-warning.js';
import { indicatorDefinitionSchema } from './indicator-definition.js';

const indicatorRef = { planId: z.string(), code: codeSchema };

export const indicatorRegisteredSchema = z.object({
  type: z.literal('IndicatorRegistered'),
  data: z.object({ ...indicatorRef, definition: indicatorDefinitionSchema }),
});
export type IndicatorRegistered = z.infer<typeof indicatorRegisteredSchema>;

/** Amendable fields; `null` clears an optional one (decimals, strategic objective). */
export const definitionChangesSchema = z
  .object({
    ...indicatorDefinitionSchema.shape,
    decimals: indicatorDefinitionSchema.shape.decimals.unwrap().nullable(),
    strategicObjective: indicatorDefinitionSchema.shape.strategicObjective.unwrap().nullable(),
  })
  .partial();
export type DefinitionChanges = z.infer<typeof definitionChangesSchema>;

export const indicatorAmendedSchema = z.object({
  type: z.literal('IndicatorAmended'),
  data: z.object({
    ...indicatorRef,
    changes: definitionChangesSchema,
    /** The same fields as they were, so the audit trail can show before → after. */
    previous: definitionChangesSchema,
  }),
});
export type IndicatorAmended = z.infer<typeof indicatorAmendedSchema>;

export const indicatorRetiredSchema = z.object({
  type: z.literal('IndicatorRetired'),
  data: z.object({ ...indicatorRef }),
});
export type IndicatorRetired = z.infer<typeof indicatorRetiredSchema>;

const periodValue = { ...indicatorRef, period: periodIdSchema, value: signedDecimalStringSchema };

export const targetSetSchema = z.object({ type: z.literal('TargetSet'), data: z.object(periodValue) });
export type TargetSet = z.infer<typeof targetSetSchema>;

export const targetRevisedSchema = z.object({
  type: z.literal('TargetRevised'),
  data: z.object({ ...periodValue, previousValue: signedDecimalStringSchema }),
});
export type TargetRevised = z.infer<typeof targetRevisedSchema>;

const ratio = { numerator: signedDecimalStringSchema.optional(), denominator: signedDecimalStringSchema.optional() };
/** The plausibility rules at level `warn` the result broke when it was written; absent when none. */
const warned = { warnings: plausibilityWarningsSchema };

export const resultReportedSchema = z.object({
  type: z.literal('ResultReported'),
  data: z.object({ ...periodValue, ...ratio, ...warned }),
});
export type ResultReported = z.infer<typeof resultReportedSchema>;

export const resultCorrectedSchema = z.object({
  type: z.literal('ResultCorrected'),
  /** `previousValue` null: the period had been reported as "no data". */
  data: z.object({ ...periodValue, ...ratio, previousValue: signedDecimalStringSchema.nullable(), ...warned }),
});
export type ResultCorrected = z.infer<typeof resultCorrectedSchema>;

export const noDataReportedSchema = z.object({
  type: z.literal('NoDataReported'),
  /** `previousValue` set: a reported value is being withdrawn as "no data". */
  data: z.object({ ...indicatorRef, period: periodIdSchema, previousValue: signedDecimalStringSchema.nullable() }),
});
export type NoDataReported = z.infer<typeof noDataReportedSchema>;

/**
 * `reserved`: confidential under the transparency laws (LAIP arts. 24 and 30,
 * LOTAIP art. 7), so the public version of a report omits it. Decided when
 * written; present only when true, so events from before the marking existed
 * read as not reserved and keep their bytes.
 */
export const reservedMarkSchema = z.literal(true).optional();

export const correctiveActionSchema = z.object({
  action: textSchema(2000),
  owner: textSchema(200),
  dueDate: calendarDateSchema,
  reserved: reservedMarkSchema,
});
export type CorrectiveAction = z.infer<typeof correctiveActionSchema>;

export const justificationAddedSchema = z.object({
  type: z.literal('JustificationAdded'),
  data: z.object({
    ...indicatorRef,
    period: periodIdSchema,
    /** 1, 2, 3… within the indicator: numbered by the decider, so no id is invented. */
    justificationNumber: z.number().int().min(1),
    text: textSchema(8000),
    /** The justification's text is reserved (its corrective actions are marked one by one). */
    reserved: reservedMarkSchema,
    correctiveActions: z.array(correctiveActionSchema),
  }),
});
export type JustificationAdded = z.infer<typeof justificationAddedSchema>;

export const indicatorEventSchema = z.discriminatedUnion('type', [
  indicatorRegisteredSchema,
  indicatorAmendedSchema,
  indicatorRetiredSchema,
  targetSetSchema,
  targetRevisedSchema,
  resultReportedSchema,
  resultCorrectedSchema,
  noDataReportedSchema,
  justificationAddedSchema,
  plausibilityRulesSetSchema,
]);
export type IndicatorEvent = z.infer<typeof indicatorEventSchema>;
export const INDICATOR_EVENT_TYPES = [
  'IndicatorRegistered',
  'IndicatorAmended',
  'IndicatorRetired',
  'TargetSet',
  'TargetRevised',
  'ResultReported',
  'ResultCorrected',
  'NoDataReported',
  'JustificationAdded',
  'PlausibilityRulesSet',
] as const;
