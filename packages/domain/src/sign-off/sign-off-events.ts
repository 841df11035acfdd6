import { z } from 'zod';
import { periodIdSchema } from '../period/index.js';
import { codeSchema, reasonSchema } from '../shared/text.js';
import { signOffCommentSchema } from './sign-off-commands.js';

/*
 * Who and when are not in the data: every event's metadata already records
 * the actor (with the role it acted in) and the instant, and the sign-off
 * state reads them from there (see `evolveSignOff`).
 */
const unitPeriodRef = { planId: z.string(), period: periodIdSchema, unit: codeSchema };

export const UNIT_PERIOD_STATUSES = ['open', 'submitted', 'approved', 'returned'] as const;
export const unitPeriodStatusSchema = z.enum(UNIT_PERIOD_STATUSES);
export type UnitPeriodStatus = z.infer<typeof unitPeriodStatusSchema>;

export const unitPeriodSubmittedSchema = z.object({
  type: z.literal('UnitPeriodSubmitted'),
  /** `previousStatus`: a first submission (open) or a resubmission after a return. */
  data: z.object({ ...unitPeriodRef, previousStatus: z.enum(['open', 'returned']), comment: signOffCommentSchema.optional() }),
});
export type UnitPeriodSubmitted = z.infer<typeof unitPeriodSubmittedSchema>;

export const unitPeriodApprovedSchema = z.object({
  type: z.literal('UnitPeriodApproved'),
  data: z.object({ ...unitPeriodRef, comment: signOffCommentSchema.optional() }),
});
export type UnitPeriodApproved = z.infer<typeof unitPeriodApprovedSchema>;

export const unitPeriodReturnedSchema = z.object({
  type: z.literal('UnitPeriodReturned'),
  data: z.object({ ...unitPeriodRef, comment: signOffCommentSchema }),
});
export type UnitPeriodReturned = z.infer<typeof unitPeriodReturnedSchema>;

export const unitPeriodUnapprovedSchema = z.object({
  type: z.literal('UnitPeriodUnapproved'),
  data: z.object({ ...unitPeriodRef, reason: reasonSchema }),
});
export type UnitPeriodUnapproved = z.infer<typeof unitPeriodUnapprovedSchema>;

export const unitPeriodReopenedSchema = z.object({
  type: z.literal('UnitPeriodReopened'),
  /** `previousStatus`: what the reopening left (an approval it lifted, or an open period it exempts from the data-entry window). */
  data: z.object({ ...unitPeriodRef, reason: reasonSchema, previousStatus: unitPeriodStatusSchema }),
});
export type UnitPeriodReopened = z.infer<typeof unitPeriodReopenedSchema>;

export const signOffEventSchema = z.discriminatedUnion('type', [
  unitPeriodSubmittedSchema,
  unitPeriodApprovedSchema,
  unitPeriodReturnedSchema,
  unitPeriodUnapprovedSchema,
  unitPeriodReopenedSchema,
]);
export type SignOffEvent = z.infer<typeof signOffEventSchema>;
export const SIGN_OFF_EVENT_TYPES = ['UnitPeriodSubmitted', 'UnitPeriodApproved', 'UnitPeriodReturned', 'UnitPeriodUnapproved', 'UnitPeriodReopened'] as const;
