import { codeSchema } from '@semaforo/domain';
import { parseAsOf } from '@semaforo/projector';
import { z } from 'zod';
import { answeredAtShape, readQueryShape } from '../shared/read-schemas.js';

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 1_000;

/** The instants `asOf` takes (year 0001 to 9999, a zone within ±15:59): the ones the database can compare with. */
export function isReadableInstant(text: string): boolean {
  try {
    return parseAsOf(text).kind === 'instant';
  } catch {
    return false;
  }
}

const instant = (what: string) =>
  z.iso
    .datetime({ offset: true, error: 'must be an ISO-8601 instant with a zone, e.g. 2021-04-01T00:00:00Z' })
    .refine(isReadableInstant, { error: 'must be an instant from year 0001 to 9999 with a zone offset of at most ±15:59' })
    .optional()
    .describe(what);

export const auditQuerySchema = z.object({
  ...readQueryShape('2021-07-01T00:00:00Z'),
  unit: codeSchema.optional().describe('Only changes of this unit or any unit below it (its indicators, and their definitions).'),
  indicator: codeSchema.optional().describe('Only changes of this indicator.'),
  actor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Only changes made by this actor: its id exactly as recorded (a token id), or the name of the person holding the token (`Ana Pérez`; case and accents aside), which covers every token they held.',
    ),
  from: instant('Only changes recorded at or after this instant.'),
  to: instant('Only changes recorded before this instant (exclusive: `from=…-01-01T00:00:00Z&to=…-04-01T00:00:00Z` is one quarter).'),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIMIT).default(DEFAULT_AUDIT_LIMIT).describe(`Entries per page, 1 to ${MAX_AUDIT_LIMIT}.`),
  cursor: z
    .string()
    .max(200)
    .optional()
    .describe("`nextCursor` of the previous page. The walk stays at the first page's `position`: pages never shift, never repeat."),
});

const changeSchema = z
  .object({
    field: z.string().describe('What changed: `target`, `result`, `numerator`, `unit`, `name`, `correctiveActions[0].owner`…'),
    period: z.string().optional().describe('The period a figure or justification belongs to.'),
    before: z.string().nullable().describe('What it was; null for nothing. Results read `no-data` for an explicit "no data".'),
    after: z.string().nullable().describe('What it became.'),
  })
  .meta({ id: 'AuditChange', description: 'One field an event changed, before → after.' });

export const auditEntrySchema = z
  .object({
    position: z.string().describe("The event's log position `<commit>:<prepare>`."),
    eventId: z.string(),
    event: z.string().describe('The event type, e.g. `TargetRevised`.'),
    stream: z.string(),
    streamVersion: z.number().int(),
    indicator: z.string().nullable().describe('Null for changes of the plan itself.'),
    unit: z
      .string()
      .nullable()
      .describe("The indicator's responsible unit right after the change; the unit itself for `UnitDefined`, `UnitRenamed`, `UnitMoved` and `UnitRetired`."),
    previousUnit: z.string().nullable().describe('When the change moved the indicator to another unit: the unit it left.'),
    period: z.string().nullable(),
    actor: z.object({
      id: z.string().describe('The token id the change was made with (or the operator, for a bootstrap).'),
      role: z.string().nullable(),
      name: z.string().nullable().describe('Who holds that token (its holder, else its label); null for an actor that is no token.'),
    }),
    recordedAt: z.string().describe('ISO 8601, exactly as the event recorded it.'),
    reason: z.string().nullable(),
    source: z.string(),
    requestId: z.string(),
    correlationId: z.string(),
    causationId: z.string(),
    changes: z.array(changeSchema).describe('One per field changed; a registration lists every field it set.'),
  })
  .meta({ id: 'AuditEntry', description: 'One change to a plan: who, what, before → after, when, why.' });

export const auditTrailSchema = z
  .object({
    ...answeredAtShape,
    planId: z.string(),
    order: z.literal('oldest-first').describe('Log order. The trail only grows at its end, so pages never shift.'),
    entries: z.array(auditEntrySchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page. Also in the `Link` header.'),
  })
  .meta({ id: 'AuditTrail', description: "A page of a plan's audit trail." });
