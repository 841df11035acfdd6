import { DomainError, evaluationPublishedSchema, publicationStreamName, type Edition } from '@semaforo/domain';
import type { EventStore } from '@semaforo/event-store';

/**
 * Edition `n` of a period as the log recorded it (the period's publication stream): the reporter reads
 * editions from the log, as the API does, never from a read model.
 */
export async function readEdition(store: EventStore, planId: string, period: string, n: number): Promise<Edition> {
  const stream = await store.readStream(publicationStreamName(planId, period));
  const editions = stream.events
    .filter((event) => event.type === 'EvaluationPublished')
    .map((event) => evaluationPublishedSchema.parse({ type: event.type, data: event.data }).data);
  const edition = editions[n - 1];
  if (edition === undefined) {
    throw new DomainError(
      'EDITION_NOT_FOUND',
      editions.length === 0 ? `${period} of ${planId} has not been published.` : `${period} of ${planId} has editions 1 to ${editions.length}, not ${n}.`,
      { planId, period, edition: n, editions: editions.length },
    );
  }
  return edition;
}
