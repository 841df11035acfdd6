import { foldPlanFacts, indicatorStreamName, planStreamName, type PlanFacts } from '@semaforo/domain';
import { compareLogPositions, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';

const PAGE = 5_000;

/**
 * The second, independent path to a plan's facts: the raw log read from the
 * start up to `position` (inclusive), kept to the plan's own streams, and
 * folded by the pure domain code. No read model, no projector: what `verify`
 * holds the read model against. `onProgress` hears the count of events read.
 */
export async function foldPlanAt(
  store: EventStore,
  planId: string,
  position: LogPosition,
  onProgress: (eventsRead: number) => void = () => {},
): Promise<PlanFacts | null> {
  const planStream = planStreamName(planId);
  const indicatorPrefix = indicatorStreamName(planId, '');
  const events: RecordedEvent[] = [];
  let after: LogPosition | undefined;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), limit: PAGE });
    for (const event of page) {
      if (compareLogPositions(event.position, position) > 0) {
        onProgress(read);
        return foldPlanFacts(events);
      }
      read += 1;
      if (event.streamName === planStream || event.streamName.startsWith(indicatorPrefix)) events.push(event);
    }
    onProgress(read);
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE) return foldPlanFacts(events);
    after = last.position;
  }
}
