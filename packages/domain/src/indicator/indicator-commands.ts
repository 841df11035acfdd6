import { z } from 'zod';
import { signedDecimalStringSchema } from '../decimal/index.js';
import { periodIdSchema } from '../period/index.js';
import type { Message } from '../shared/message.js';
import { codeSchema, reasonSchema, textSchema } from '../shared/text.js';
import type { SetPlausibilityRules } from '../plausibility/plausibility-commands.js';
import { indicatorDefinitionSchema } from './indicator-definition.js';
import { correctiveActionSchema, definitionChangesSchema } from './indicator-events.js';

export const registerIndicatorDataSchema = z.object({ code: codeSchema, ...indicatorDefinitionSchema.shape });
export type RegisterIndicator = Message<'RegisterIndicator', z.infer<typeof registerIndicatorDataSchema>>;

export const amendIndicatorDataSchema = z.object({
  code: codeSchema,
  changes: definitionChangesSchema,
  reason: reasonSchema.optional(),
});
export type AmendIndicator = Message<'AmendIndicator', z.infer<typeof amendIndicatorDataSchema>>;

export const retireIndicatorDataSchema = z.object({ code: codeSchema, reason: reasonSchema });
export type RetireIndicator = Message<'RetireIndicator', z.infer<typeof retireIndicatorDataSchema>>;

export const setTargetDataSchema = z.object({
  code: codeSchema,
  period: periodIdSchema,
  value: signedDecimalStringSchema,
  /** Required when the period already has a target (a revision, *reprogramación*). */
  reason: reasonSchema.optional(),
});
export type SetTarget = Message<'SetTarget', z.infer<typeof setTargetDataSchema>>;

export const reportResultDataSchema = z.union([
  z.object({
    code: codeSchema,
    period: periodIdSchema,
    value: signedDecimalStringSchema,
    numerator: signedDecimalStringSchema.optional(),
    denominator: signedDecimalStringSchema.optional(),
    /** Required when the period already has a result (a correction, a restatement). */
    reason: reasonSchema.optional(),
  }),
  z.object({
    code: codeSchema,
    period: periodIdSchema,
    /** Explicitly no data for the period; always needs a reason. */
    noData: z.literal(true),
    reason: reasonSchema,
  }),
]);
export type ReportResult = Message<'ReportResult', z.infer<typeof reportResultDataSchema>>;

/** As written by a person: `reserved` may be sent as false too; the event records only a true one. */
const reservedInputSchema = z.boolean().optional().describe('True: confidential; the public version of a report omits it.');

export const correctiveActionInputSchema = correctiveActionSchema.extend({ reserved: reservedInputSchema });

export const addJustificationDataSchema = z.object({
  code: codeSchema,
  period: periodIdSchema,
  text: textSchema(8000),
  reserved: reservedInputSchema,
  correctiveActions: z.array(correctiveActionInputSchema).max(50).default([]),
});
export type AddJustification = Message<'AddJustification', z.infer<typeof addJustificationDataSchema>>;

export type IndicatorCommand = RegisterIndicator | AmendIndicator | RetireIndicator | SetTarget | ReportResult | AddJustification | SetPlausibilityRules;
