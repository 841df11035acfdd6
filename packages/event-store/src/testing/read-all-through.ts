import type { EventStore, RecordedEvent } from '../event-store.js';
import { LOG_START, compareLogPositions, formatLogPosition, type LogPosition } from '../log-position.js';

/**
 * The whole log up to and including `position`, once it is readable. On
 * PostgreSQL an appended event becomes readable only when every older
 * transaction in the cluster has ended (that is what keeps readers from
 * skipping late commits), and test files share one cluster: a test that
 * reads right after writing must wait for its own last position.
 */
export async function readAllThrough(store: EventStore, position: LogPosition, timeoutMs = 60_000): Promise<RecordedEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events: RecordedEvent[] = [];
    let after = LOG_START;
    for (;;) {
      const page = await store.readAll({ after, limit: 5_000 });
      events.push(...page);
      const last = page.at(-1);
      if (last === undefined || page.length < 5_000) break;
      after = last.position;
    }
    const tail = events.at(-1);
    if (tail !== undefined && compareLogPositions(tail.position, position) >= 0) {
      return events.filter((event) => compareLogPositions(event.position, position) <= 0);
    }
    if (Date.now() > deadline) throw new Error(`the log never became readable up to ${formatLogPosition(position)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Resolves once the log is readable up to `position` (see `readAllThrough`),
 * with the head then: a safe "from here" for a test that reads what it
 * writes next.
 */
export async function waitUntilReadable(store: EventStore, position: LogPosition, timeoutMs = 60_000): Promise<LogPosition> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headPosition();
    if (head !== null && compareLogPositions(head, position) >= 0) return head;
    if (Date.now() > deadline) throw new Error(`the log never became readable up to ${formatLogPosition(position)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Resolves once everything committed before the call is readable (`waitUntilReadable` up to
 * `latestPosition()`), with the head then, or null on an empty log: for a test that reads back what it
 * and the processes it started wrote, while other test files' transactions on the same cluster may
 * hold the readable head back.
 */
export async function waitUntilCommittedReadable(store: EventStore, timeoutMs = 60_000): Promise<LogPosition | null> {
  const latest = await store.latestPosition();
  return latest === null ? null : waitUntilReadable(store, latest, timeoutMs);
}
