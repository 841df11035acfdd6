import { compareLogPositions, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';
import type { ProjectionWorker } from './projection-worker.js';

/** Pages read ahead of the slowest worker: enough to keep a faster one busy, few enough to bound memory. */
const READ_AHEAD = 2;

/**
 * Catches workers up on ONE read of the log (one worker too: that is its
 * `catchUp()`). Each page is read once and handed to every worker, which
 * commits the events past its own checkpoint in its own transaction (its
 * rows and its checkpoint together). Each worker goes through the pages at
 * its own pace, so one projection's SQL overlaps another's JavaScript and
 * a cheap projection does not wait at every page for a costly one; pages
 * are read ahead (up to READ_AHEAD past the slowest worker's), reading
 * being half the work of a rebuild. Resolves true once every worker has
 * committed a page that came back short (the head), false when the signal
 * stopped them (each between two of its batches). A failing read or commit
 * stops the others at their next page; it rejects once all have settled.
 */
export async function catchUpTogether(
  store: EventStore,
  workers: readonly ProjectionWorker[],
  options: { readonly batchSize: number; readonly signal: AbortSignal },
): Promise<boolean> {
  if (workers.length === 0) return true;
  for (const worker of workers) await worker.beginCatchUp();
  const pages = new PageReader(store, options.batchSize, earliest(workers.map((worker) => worker.checkpoint)));
  const done = new Array<number>(workers.length).fill(0);
  let failed = false;

  const run = async (worker: ProjectionWorker, index: number): Promise<boolean> => {
    try {
      for (let page = 0; ; page += 1) {
        if (options.signal.aborted || failed) return false;
        const events = await pages.get(page);
        if (options.signal.aborted || failed) return false;
        await worker.commit(unseenBy(worker, events));
        done[index] = page + 1;
        pages.release(Math.min(...done));
        if (events.length < options.batchSize) return !options.signal.aborted;
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // Stopped, failed or at the head: it holds nobody back any more.
      done[index] = Number.POSITIVE_INFINITY;
      pages.release(Math.min(...done));
    }
  };

  const outcomes = await Promise.allSettled(workers.map(run));
  const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejected !== undefined) throw rejected.reason;
  return outcomes.every((outcome) => outcome.status === 'fulfilled' && outcome.value);
}

/**
 * The log's pages after a start, each read once and in order (page k+1
 * needs page k's last position): the page asked for and the one after it,
 * never more than READ_AHEAD pages past the slowest reader's. A page after
 * a short one is empty without a read; a page after a failed one fails.
 */
class PageReader {
  readonly #pages = new Map<number, Promise<readonly RecordedEvent[]>>();
  #released = 0;
  #scheduled = 0;
  #after: LogPosition;
  #atHead = false;
  #failure: unknown = undefined;
  #reading: Promise<unknown> = Promise.resolve();
  #waiting: (() => void)[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly batchSize: number,
    start: LogPosition,
  ) {
    this.#after = start;
  }

  /** Page `index`; waits while it is more than READ_AHEAD pages past the slowest reader's. */
  async get(index: number): Promise<readonly RecordedEvent[]> {
    while (index > this.#released + READ_AHEAD) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#schedule(Math.min(index + 1, this.#released + READ_AHEAD));
    return this.#pages.get(index)!;
  }

  /** Every reader is done with the pages below `slowest`: forget them, and let the reading go on. */
  release(slowest: number): void {
    if (slowest <= this.#released) return;
    for (let k = this.#released; k < Math.min(slowest, this.#scheduled); k += 1) this.#pages.delete(k);
    this.#released = slowest;
    for (const resolve of this.#waiting.splice(0)) resolve();
  }

  #schedule(last: number): void {
    while (this.#scheduled <= last) {
      const page = this.#reading.then(() => this.#read());
      page.catch(() => undefined); // awaited by each reader that gets to it
      this.#reading = page.catch(() => undefined);
      this.#pages.set(this.#scheduled, page);
      this.#scheduled += 1;
    }
  }

  async #read(): Promise<readonly RecordedEvent[]> {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the shared read failed with, as it was
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#atHead) return [];
    try {
      const events = await this.store.readAll({ after: this.#after, limit: this.batchSize });
      const last = events[events.length - 1];
      if (last !== undefined) this.#after = last.position;
      if (events.length < this.batchSize) this.#atHead = true;
      return events;
    } catch (error) {
      this.#failure = error;
      throw error;
    }
  }
}

const earliest = (positions: readonly LogPosition[]): LogPosition => positions.reduce((a, b) => (compareLogPositions(a, b) <= 0 ? a : b));

/** The events after the worker's checkpoint (all of them, unless it started ahead of the others). */
function unseenBy(worker: ProjectionWorker, events: readonly RecordedEvent[]): readonly RecordedEvent[] {
  const checkpoint = worker.checkpoint;
  if (events.length === 0 || compareLogPositions(events[0]!.position, checkpoint) > 0) return events;
  return events.filter((event) => compareLogPositions(event.position, checkpoint) > 0);
}
