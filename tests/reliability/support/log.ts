import { compareLogPositions, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';

/** Every readable event of the log, in log order. */
export async function readWholeLog(store: EventStore, after?: LogPosition): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let from = after;
  for (;;) {
    const page = await store.readAll({ ...(from === undefined ? {} : { after: from }), limit: 5_000 });
    if (page.length === 0) return events;
    events.push(...page);
    from = page[page.length - 1]!.position;
  }
}

/** How many events the log holds (read, not estimated). */
export async function countLog(store: EventStore): Promise<number> {
  let count = 0;
  let from: LogPosition | undefined;
  for (;;) {
    const page = await store.readAll({ ...(from === undefined ? {} : { after: from }), limit: 5_000 });
    if (page.length === 0) return count;
    count += page.length;
    from = page[page.length - 1]!.position;
  }
}

export const later = (a: LogPosition, b: LogPosition): LogPosition => (compareLogPositions(a, b) >= 0 ? a : b);

/**
 * Waits until the log can be read up to `position`. The SQL store only
 * returns events below the oldest transaction still running anywhere in the
 * cluster (so that a late commit is never skipped), and other test files
 * share the cluster: our own last commit may stay out of sight for a moment.
 */
export async function waitUntilReadable(store: EventStore, position: LogPosition, timeoutMs = 60_000): Promise<void> {
  const started = performance.now();
  for (;;) {
    const head = await store.headPosition();
    if (head !== null && compareLogPositions(head, position) >= 0) return;
    if (performance.now() - started > timeoutMs)
      throw new Error(`the log did not become readable up to ${position.commit}:${position.prepare} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
