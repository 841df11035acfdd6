import { canAppendToStreams, type EventStore, type EventToAppend } from '@semaforo/event-store';
import type { DecidedEvent } from './decide-dataset.js';

/** One stream's share of a batch: its events in order, after the version it was at. */
export interface StreamBatch {
  readonly streamName: string;
  readonly expectedVersion: number;
  readonly events: EventToAppend[];
}

/** Groups a slice of the log by stream, keeping each stream's order and the streams in order of first appearance. */
export function groupByStream(events: readonly DecidedEvent[]): StreamBatch[] {
  const groups = new Map<string, StreamBatch>();
  for (const { streamName, streamVersion, event } of events) {
    let group = groups.get(streamName);
    if (group === undefined) {
      group = { streamName, expectedVersion: streamVersion - 1, events: [] };
      groups.set(streamName, group);
    }
    group.events.push(event);
  }
  return [...groups.values()];
}

/** Takes up to `size` items from an iterator. */
export function take<T>(iterator: Iterator<T>, size: number): T[] {
  const batch: T[] = [];
  while (batch.length < size) {
    const next = iterator.next();
    if (next.done === true) break;
    batch.push(next.value);
  }
  return batch;
}

/**
 * Appends one batch's stream groups through the store, each with its
 * expected version, so the store checks every stream as it would for a
 * command: in one call when the store appends to many streams at once, one
 * call per stream otherwise. Returns the number of append calls made.
 */
export async function appendBatch(store: EventStore, groups: readonly StreamBatch[]): Promise<number> {
  if (groups.length === 0) return 0;
  if (canAppendToStreams(store)) {
    await store.appendToStreams(groups);
    return 1;
  }
  for (const group of groups) {
    await store.appendToStream(group.streamName, group.events, { expectedVersion: group.expectedVersion });
  }
  return groups.length;
}

/**
 * Appends batches in order, keeping the next one's call going while the
 * current one is in the database when the store supports it (its
 * multi-stream appends run their statements in call order, and prepare each
 * call — canonical JSON, hashes — as soon as it is made): the CPU and the
 * database then work at the same time. Returns the number of append calls.
 */
export async function appendBatches(store: EventStore, batches: readonly (readonly StreamBatch[])[]): Promise<number> {
  if (!canAppendToStreams(store)) {
    let appends = 0;
    for (const groups of batches) appends += await appendBatch(store, groups);
    return appends;
  }
  let inFlight: Promise<unknown> | undefined;
  let appends = 0;
  for (const groups of batches) {
    if (groups.length === 0) continue;
    const call = store.appendToStreams(groups);
    // Awaited below or on the next turn; without a handler meanwhile, a failure would be reported as unhandled.
    call.catch(() => undefined);
    if (inFlight !== undefined) await inFlight;
    inFlight = call;
    appends += 1;
  }
  await inFlight;
  return appends;
}

export interface ImportStats {
  readonly events: number;
  readonly appends: number;
}

/** Bulk-appends decided events through the event store, `batchSize` events at a time, in log order. */
export async function importEvents(
  store: EventStore,
  events: Iterable<DecidedEvent>,
  options: { readonly batchSize: number; readonly limit?: number },
): Promise<ImportStats> {
  const iterator = events[Symbol.iterator]();
  let count = 0;
  let appends = 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  for (;;) {
    // Ten batches at a time, pipelined.
    const batches: StreamBatch[][] = [];
    for (let i = 0; i < 10; i++) {
      const batch = take(iterator, Math.min(options.batchSize, limit - count));
      if (batch.length === 0) break;
      batches.push(groupByStream(batch));
      count += batch.length;
    }
    if (batches.length === 0) break;
    appends += await appendBatches(store, batches);
  }
  return { events: count, appends };
}
