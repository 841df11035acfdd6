import { randomUUID } from 'node:crypto';
import { canAppendToStreams, compareLogPositions, type EventStore, type LogPosition, type StreamAppend } from '@semaforo/event-store';
import { largePlanEvents } from '@semaforo/projection-evaluation-facts/testing';

export interface BulkHistory {
  readonly events: number;
  readonly plans: readonly string[];
  /** Position of the last event appended. */
  readonly last: LogPosition;
}

const INDICATORS_PER_PLAN = 250;
const EVENTS_PER_APPEND = 2_000;

/**
 * At least `events` events of real plans (a year of targets, results,
 * revisions, corrections and justifications on 250 indicators per plan:
 * the events the projections read in production), appended with real hash
 * chains through the store's bulk append, 2,000 per statement. Built
 * directly rather than through the write side so that 100,000 events take
 * seconds: these tests prove what happens to events once they are in the
 * log, not the rules that let them in.
 */
export async function appendBulkHistory(store: EventStore, options: { readonly events: number; readonly prefix?: string }): Promise<BulkHistory> {
  if (!canAppendToStreams(store)) throw new Error('bulk history needs the SQL store (appendToStreams)');
  const prefix = options.prefix ?? 'bulk';
  const versions = new Map<string, number>();
  const plans: string[] = [];
  let appended = 0;
  let last: LogPosition | undefined;
  for (let p = 0; appended < options.events; p += 1) {
    const planId = `${prefix}${p}-2023`;
    plans.push(planId);
    const planEvents = largePlanEvents({ planId, indicators: INDICATORS_PER_PLAN });
    for (let from = 0; from < planEvents.length; from += EVENTS_PER_APPEND) {
      const byStream = new Map<string, StreamAppend & { events: StreamAppend['events'][number][] }>();
      for (const event of planEvents.slice(from, from + EVENTS_PER_APPEND)) {
        let append = byStream.get(event.streamName);
        if (append === undefined) {
          append = { streamName: event.streamName, expectedVersion: versions.get(event.streamName) ?? 0, events: [] };
          byStream.set(event.streamName, append);
        }
        append.events.push({ eventId: randomUUID(), type: event.type, data: event.data, metadata: event.metadata });
      }
      const batch = [...byStream.values()];
      const results = await store.appendToStreams(batch);
      batch.forEach((append, index) => versions.set(append.streamName, results[index]!.nextExpectedVersion));
      appended += batch.reduce((sum, append) => sum + append.events.length, 0);
      for (const { position } of results) if (last === undefined || compareLogPositions(position, last) > 0) last = position;
    }
  }
  return { events: appended, plans, last: last! };
}
