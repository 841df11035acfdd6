import { codeSchema, periodIdSchema, planIdSchema } from '@semaforo/domain';
import { z } from 'zod';
import { answeredAtShape, readQueryShape } from '../shared/read-schemas.js';

export const indicatorParamsSchema = z.object({
  planId: planIdSchema.describe('`<institution>-<fiscal year>`, e.g. `upisss-2021`.'),
  code: codeSchema.describe("The indicator's code within the plan, e.g. `IE-DSP-01`."),
});

export const historyQuerySchema = z.object({
  ...readQueryShape('2021-07-01T00:00:00Z'),
  period: periodIdSchema.optional().describe('Only this period, e.g. `2021-Q2`.'),
});

const provenanceShape = {
  position: z.string().describe("The event's log position `<commit>:<prepare>`."),
  eventId: z.string(),
  actor: z.object({ id: z.string(), role: z.string().nullable() }).describe('Who made the change.'),
  recordedAt: z.string().describe('When, ISO 8601, exactly as the event recorded it.'),
  reason: z.string().nullable().describe('Why, as the actor gave it; null when the change needed none.'),
  source: z.string().describe('`api`, `import` or `cli`.'),
  requestId: z.string(),
  correlationId: z.string(),
};

export const targetHistoryEntrySchema = z
  .object({
    ...provenanceShape,
    event: z.enum(['TargetSet', 'TargetRevised']),
    period: z.string(),
    before: z.string().nullable().describe('The target it replaced; null when the period had none.'),
    after: z.string().describe('The target, exactly as entered.'),
  })
  .meta({ id: 'TargetHistoryEntry', description: 'A target set or revised (*reprogramación*).' });

export const resultHistoryEntrySchema = z
  .object({
    ...provenanceShape,
    event: z.enum(['ResultReported', 'ResultCorrected', 'NoDataReported']),
    period: z.string(),
    before: z.string().nullable().describe('The result it replaced: a decimal, `no-data`, or null when nothing had been reported.'),
    after: z.string().describe('The result: a decimal exactly as reported, or `no-data`.'),
    numerator: z.string().nullable().describe('Reported with `after`; null when none was.'),
    denominator: z.string().nullable(),
  })
  .meta({ id: 'ResultHistoryEntry', description: 'A result reported, corrected (a restatement) or reported as "no data".' });

const historyAnswer = <Entry extends z.ZodType>(entry: Entry) => ({
  ...answeredAtShape,
  planId: z.string(),
  code: z.string().describe('The indicator.'),
  entries: z.array(entry).describe('In log order: oldest first.'),
});

export const targetHistorySchema = z
  .object(historyAnswer(targetHistoryEntrySchema))
  .meta({ id: 'TargetHistory', description: 'Every target an indicator had, per period, old → new: who, when, why.' });

export const resultHistorySchema = z
  .object(historyAnswer(resultHistoryEntrySchema))
  .meta({ id: 'ResultHistory', description: 'Every result, correction and "no data" of an indicator: who, when, why.' });

export const CSV_DESCRIPTION =
  'The same, as CSV (RFC 4180, UTF-8, CRLF; format `csvVersion`), one row per entry, as an attachment (`Content-Disposition`); the ' +
  'position is in the `Semaforo-Position` header.';
