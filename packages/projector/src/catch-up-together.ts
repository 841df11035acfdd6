import { compareLogPositions, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';
import type { ProjectionWorker } from './projection-worker.js';

/**
 * Catches workers up on ONE read of the log (one worker too: that is its
 * `catchUp()`). Each page is read once and handed to every worker, which
 * commits the events past its own checkpoint in its own transaction (its
 * rows and its checkpoint together). The workers' transactions run at the
 * same time, and the next page is read meanwhile: one projection's SQL then
 * overlaps another's JavaScript. Resolves true once a read comes back short
 * (the head), false when the signal stopped it; a failing commit rejects,
 * after the other workers' commits of that page have settled.
 */
export async function catchUpTogether(
  store: EventStore,
  workers: readonly ProjectionWorker[],
  options: { readonly batchSize: number; readonly signal: AbortSignal },
): Promise<boolean> {
  if (workers.length === 0) return true;
  for (const worker of workers) await worker.beginCatchUp();
  const read = (after: LogPosition): Promise<readonly RecordedEvent[]> => {
    const page = store.readAll({ after, limit: options.batchSize });
    page.catch(() => undefined); // awaited below, unless a commit fails first
    return page;
  };
  let next = read(workers.map((worker) => worker.checkpoint).reduce((a, b) => (compareLogPositions(a, b) <= 0 ? a : b)));
  for (;;) {
    if (options.signal.aborted) return false;
    const events = await next;
    const full = events.length === options.batchSize;
    // Read the next page while this one commits: reading is half the work of a rebuild.
    if (full) next = read(events[events.length - 1]!.position);
    const commits = await Promise.allSettled(workers.map((worker) => worker.commit(unseenBy(worker, events))));
    const failed = commits.find((commit): commit is PromiseRejectedResult => commit.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    if (!full) return !options.signal.aborted;
  }
}

/** The events after the worker's checkpoint (all of them, unless it started ahead of the others). */
function unseenBy(worker: ProjectionWorker, events: readonly RecordedEvent[]): readonly RecordedEvent[] {
  const checkpoint = worker.checkpoint;
  if (events.length === 0 || compareLogPositions(events[0]!.position, checkpoint) > 0) return events;
  return events.filter((event) => compareLogPositions(event.position, checkpoint) > 0);
}
