import { z } from 'zod';
import { codeSchema } from '../shared/text.js';
import { reportLayoutsSchema } from './report-layouts.js';

/**
 * An edition of a period's evaluation. Who published it and when are the
 * event's metadata (actor, recordedAt), as for every event; the edition's
 * content is the canonical JSON of the evaluation at `position`, whose
 * SHA-256 is `digest`, so the edition can be read back to the byte from
 * the log alone.
 */
export const evaluationPublishedSchema = z.object({
  type: z.literal('EvaluationPublished'),
  data: z.object({
    planId: z.string(),
    period: z.string(),
    /** 1 for the first publication of the period; every later one is a restatement. */
    edition: z.number().int().min(1),
    position: z.string(),
    digest: z.string(),
    method: z.string(),
    /** Units not approved at `position`, sorted; empty when every unit was approved (or sign-off was not in use). */
    unapprovedUnits: z.array(codeSchema),
    /** Why a restatement was published; null for the first edition when none was given. */
    reason: z.string().nullable(),
    /**
     * The report layout each document format of this edition is rendered with, so a later layout never changes
     * an edition's document. Absent on editions published before layouts were recorded: those read as `v1` for
     * every format (`editionReportLayout`), the only layout there was.
     */
    reportLayouts: reportLayoutsSchema.optional(),
  }),
});
export type EvaluationPublished = z.infer<typeof evaluationPublishedSchema>;

export const publicationEventSchema = z.discriminatedUnion('type', [evaluationPublishedSchema]);
export type PublicationEvent = z.infer<typeof publicationEventSchema>;
export const PUBLICATION_EVENT_TYPES = ['EvaluationPublished'] as const;
