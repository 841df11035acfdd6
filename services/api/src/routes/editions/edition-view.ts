import { DomainError, publicationStreamName, type Edition } from '@semaforo/domain';
import { compareLogPositions, formatLogPosition, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';
import { z } from 'zod';

/** An edition as its event recorded it, with who published it and when (the event's metadata). */
export interface PublishedEdition {
  readonly data: Edition;
  readonly event: RecordedEvent;
}

export const editionViewSchema = z
  .object({
    period: z.string(),
    edition: z.number().int().describe('1 for the first publication; every later one is a restatement.'),
    position: z.string().describe('The log position the evaluation was published as of: the edition is the evaluation `?asOf=` this position, to the byte.'),
    digest: z.string().describe('SHA-256 (hex) of the edition: the canonical JSON of the evaluation at `position`.'),
    method: z.string().describe('The evaluation method it was computed with.'),
    publishedBy: z.object({ id: z.string(), role: z.string().nullable() }),
    publishedAt: z.string().describe('ISO-8601, as recorded.'),
    reason: z.string().nullable().describe('Why it was published again (a restatement); null for a first edition published without one.'),
    unapprovedUnits: z.array(z.string()).describe('Units not approved for the period when it was published (allowed explicitly); empty otherwise.'),
    eventPosition: z.string().describe('Where the publication itself is in the log.'),
    reportLayouts: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        'The report layout of each format (`html`, `pdf`, `xlsx`) its documents (`…/editions/{n}/report`) are rendered with; absent on ' +
          'editions published before layouts were recorded, which are rendered with `v1`.',
      ),
  })
  .meta({ id: 'Edition', description: 'A published edition of an evaluation. It never changes.' });

export type EditionView = z.output<typeof editionViewSchema>;

export const toEditionView = ({ data, event }: PublishedEdition): EditionView => ({
  period: data.period,
  edition: data.edition,
  position: data.position,
  digest: data.digest,
  method: data.method,
  publishedBy: { id: event.metadata.actor.id, role: event.metadata.actor.role ?? null },
  publishedAt: event.metadata.recordedAt,
  reason: data.reason,
  unapprovedUnits: [...data.unapprovedUnits],
  eventPosition: formatLogPosition(event.position),
  ...(data.reportLayouts === undefined ? {} : { reportLayouts: { ...data.reportLayouts } }),
});

/**
 * The period's editions as the log has them, oldest first, and the stream's
 * version (the list's ETag). Read from the period's own stream, not from a
 * read model: a period has a handful of editions, the stream is their
 * exact record, and an edition is readable as soon as its event exists.
 * `upTo`: only the editions published at or before that position.
 */
export async function readEditions(
  store: EventStore,
  planId: string,
  period: string,
  upTo?: LogPosition,
): Promise<{ readonly version: number; readonly editions: PublishedEdition[] }> {
  const stream = await store.readStream(publicationStreamName(planId, period));
  const editions = stream.events
    .filter((event) => event.type === 'EvaluationPublished' && (upTo === undefined || compareLogPositions(event.position, upTo) <= 0))
    // The write side validated the data against the event's schema before appending it.
    .map((event) => ({ data: event.data as unknown as Edition, event }));
  return { version: stream.version, editions };
}

/** Editions this process has read, by stream and number: an appended event never changes, so neither does edition n. */
const known = new WeakMap<EventStore, Map<string, PublishedEdition>>();

export async function requireEdition(store: EventStore, planId: string, period: string, edition: number): Promise<PublishedEdition> {
  let cache = known.get(store);
  if (cache === undefined) {
    cache = new Map();
    known.set(store, cache);
  }
  const key = `${publicationStreamName(planId, period)}#${edition}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const { editions } = await readEditions(store, planId, period);
  // Bounded by what the log holds: a handful of editions per period published.
  for (const e of editions) cache.set(`${publicationStreamName(planId, period)}#${e.data.edition}`, e);
  const found = editions[edition - 1];
  if (found === undefined) {
    throw new DomainError(
      'EDITION_NOT_FOUND',
      editions.length === 0 ? `${period} of ${planId} has not been published.` : `${period} of ${planId} has editions 1 to ${editions.length}, not ${edition}.`,
      { planId, period, edition, editions: editions.length },
    );
  }
  return found;
}
