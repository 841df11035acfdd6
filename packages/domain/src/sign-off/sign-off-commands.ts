import { z } from 'zod';
import { periodIdSchema } from '../period/index.js';
import type { Message } from '../shared/message.js';
import { codeSchema, reasonSchema, textSchema } from '../shared/text.js';

/** A comment that goes with a submission, an approval or a return, for the next person in the chain. */
export const signOffCommentSchema = textSchema(2000);

const unitPeriod = { period: periodIdSchema, unit: codeSchema };

export const submitUnitPeriodDataSchema = z.object({ ...unitPeriod, comment: signOffCommentSchema.optional() });
export type SubmitUnitPeriod = Message<'SubmitUnitPeriod', z.infer<typeof submitUnitPeriodDataSchema>>;

export const approveUnitPeriodDataSchema = z.object({ ...unitPeriod, comment: signOffCommentSchema.optional() });
export type ApproveUnitPeriod = Message<'ApproveUnitPeriod', z.infer<typeof approveUnitPeriodDataSchema>>;

/*
 * The comment, and the reasons below, are optional in the schema but required
 * by the decider (REASON_REQUIRED), as a target revision's reason is: the rule
 * belongs to the domain, whoever sends the command.
 */
export const returnUnitPeriodDataSchema = z.object({ ...unitPeriod, comment: signOffCommentSchema.optional() });
export type ReturnUnitPeriod = Message<'ReturnUnitPeriod', z.infer<typeof returnUnitPeriodDataSchema>>;

export const unapproveUnitPeriodDataSchema = z.object({ ...unitPeriod, reason: reasonSchema.optional() });
export type UnapproveUnitPeriod = Message<'UnapproveUnitPeriod', z.infer<typeof unapproveUnitPeriodDataSchema>>;

export const reopenUnitPeriodDataSchema = z.object({ ...unitPeriod, reason: reasonSchema.optional() });
export type ReopenUnitPeriod = Message<'ReopenUnitPeriod', z.infer<typeof reopenUnitPeriodDataSchema>>;

export type SignOffCommand = SubmitUnitPeriod | ApproveUnitPeriod | ReturnUnitPeriod | UnapproveUnitPeriod | ReopenUnitPeriod;
export const SIGN_OFF_COMMAND_TYPES = ['SubmitUnitPeriod', 'ApproveUnitPeriod', 'ReturnUnitPeriod', 'UnapproveUnitPeriod', 'ReopenUnitPeriod'] as const;
