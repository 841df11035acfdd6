import type { WriteResult, WriteSide } from '@semaforo/commands';
import { planStream, signOffStream, UNIT_PERIOD_STATUSES, type SignOffStamp, type SignOffState, type UnitPeriodSignOff } from '@semaforo/domain';
import { formatETag } from '@semaforo/http';
import { z } from 'zod';
import { planNotFound } from '../shared/plan-not-found.js';
import { toWriteOutcome, writeOutcomeSchema } from '../shared/write-outcome.js';

const actorSchema = z.object({ id: z.string().describe('The token that acted.'), role: z.string().optional().describe('The role it acted in.') });

/** Who and when, as the event's metadata recorded them. */
const stampFields = {
  by: actorSchema.nullable().describe('Who made the last change; null while nothing happened to this unit-period.'),
  at: z.string().nullable().describe('When (ISO-8601, as the command was received).'),
};

export const unitPeriodViewSchema = z
  .object({
    unit: z.string(),
    period: z.string(),
    status: z.enum(UNIT_PERIOD_STATUSES).describe('`open` (nothing yet, or reopened), `submitted`, `approved` or `returned`.'),
    lastChange: z
      .enum(['UnitPeriodSubmitted', 'UnitPeriodApproved', 'UnitPeriodReturned', 'UnitPeriodUnapproved', 'UnitPeriodReopened'])
      .nullable()
      .describe('The event that led to this status; null while nothing happened.'),
    ...stampFields,
    comment: z.string().nullable().describe("The last change's comment (submission, approval, return) or reason (unapproval, reopening)."),
    approved: z
      .object(stampFields)
      .nullable()
      .describe("The approval in force: it locks the unit's own targets and results of every indicator period ending inside this period."),
    reopened: z
      .object({ ...stampFields, reason: z.string() })
      .nullable()
      .describe('The reopening in force: the lock and the data-entry window do not apply until the unit is approved again.'),
  })
  .meta({ id: 'UnitPeriodSignOff', description: "Where one unit's sign-off of one period stands." });
export type UnitPeriodView = z.output<typeof unitPeriodViewSchema>;

const stamp = (s: SignOffStamp) => ({ by: s.actor === null ? null : { ...s.actor }, at: s.at });

export const toUnitPeriodView = (state: SignOffState, period: string, unit: string): UnitPeriodView => {
  const entry: UnitPeriodSignOff | undefined = state.unitPeriods[period]?.[unit];
  if (entry === undefined) return { unit, period, status: 'open', lastChange: null, by: null, at: null, comment: null, approved: null, reopened: null };
  return {
    unit,
    period,
    status: entry.status,
    lastChange: entry.last.type,
    ...stamp(entry.last),
    comment: entry.last.comment,
    approved: entry.approval === null ? null : stamp(entry.approval),
    reopened: entry.reopening === null ? null : { ...stamp(entry.reopening), reason: entry.reopening.reason },
  };
};

export const unitPeriodWriteAnswerSchema = unitPeriodViewSchema
  .extend({ write: writeOutcomeSchema })
  .meta({ id: 'UnitPeriodWriteAnswer', description: "The unit-period's sign-off right after the write, and what the write did (`write`)." });

/**
 * The answer of a sign-off write: the unit-period right after it, with the
 * sign-off stream's version as ETag. A plan that does not exist is 404 like
 * every plan route (the decider said PLAN_NOT_FOUND before this runs).
 */
export async function unitPeriodWriteAnswer(writeSide: WriteSide, planId: string, period: string, unit: string, written: WriteResult) {
  const plan = await writeSide.read(planStream(planId));
  if (plan.state.status !== 'open') throw planNotFound(planId);
  const { state, version } = await writeSide.readAfter(signOffStream(planId), written);
  return { etag: formatETag(version), body: { ...toUnitPeriodView(state, period, unit), write: toWriteOutcome(written) } };
}
