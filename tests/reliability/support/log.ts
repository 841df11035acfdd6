import { compareLogPositions, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';

/**
 * Every event committed before the call, in log order. It first waits until
 * the readable head has reached the latest commit: another test file's open
 * transaction on the shared cluster holds that head back, and a read then
 * would silently miss our own last writes.
 */
export async function readWholeLog(store: EventStore, after?: LogPosition): Promise<RecordedEvent[]> {
  const latest = await store.latestPosition();
  if (latest !== null) await waitUntilReadable(store, latest);
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
