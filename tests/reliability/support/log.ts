import { compareLogPositions, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';
import { waitUntilCommittedReadable } from '@semaforo/event-store/testing';

/**
 * Every event committed before the call, in log order. It first waits until
 * the readable head has reached the latest commit: another test file's open
 * transaction on the shared cluster holds that head back, and a read then
 * would silently miss our own last writes.
 */
export async function readWholeLog(store: EventStore, after?: LogPosition): Promise<RecordedEvent[]> {
  await waitUntilCommittedReadable(store);
  const events: RecordedEvent[] = [];
  let from = after;
  for (;;) {
    const page = await store.readAll({ ...(from === undefined ? {} : { after: from }), limit: 5_000 });
    if (page.length === 0) return events;
    events.push(...page);
    from = page[page.length - 1]!.position;
  }
}

export const later = (a: LogPosition, b: LogPosition): LogPosition => (compareLogPositions(a, b) >= 0 ? a : b);
