import { canonicalJson } from '@semaforo/canonical-json';
import { EventStoreError } from '../../errors.js';
import { assertAppendShape, assertEventIdentity, assertStorable } from '../../append-rules.js';
import type { EventToAppend } from '../../event-store.js';

/*
 * What an append must look like before it is sent. The same rules as the SQL
 * store (so a log can move between the two stores event for event), plus
 * KurrentDB's own: names starting with `$` belong to the server (system
 * streams and event types, which reads of `$all` leave out).
 */

export interface PreparedEvent {
  readonly event: EventToAppend;
  /** canonicalJson of { type, data, metadata }: what "the same event" means for a retry. */
  readonly content: string;
}

/** Checks an append; throws `INVALID_ARGUMENT` (or `EVENT_ID_REUSED` for an id twice in the batch). */
export function prepareAppend(streamName: string, events: readonly EventToAppend[], expectedVersion: number): PreparedEvent[] {
  assertAppendShape(streamName, events, expectedVersion);
  if (streamName.startsWith('$')) throw new EventStoreError('INVALID_ARGUMENT', `stream names starting with $ are KurrentDB system streams: ${streamName}`);
  const ids = new Set<string>();
  return events.map((event, index) => {
    const what = assertEventIdentity(event, index, ids);
    if (event.type.startsWith('$')) throw new EventStoreError('INVALID_ARGUMENT', `${what}: event types starting with $ are KurrentDB system events`);
    assertStorable(event.data, `${what} data`);
    assertStorable(event.metadata, `${what} metadata`);
    try {
      if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) throw new TypeError('data must be a JSON object');
      if (typeof event.metadata !== 'object' || event.metadata === null) throw new TypeError('metadata must be a JSON object');
      // canonicalJson refuses what JSON cannot carry exactly (NaN, Infinity, dates, undefined...).
      return { event, content: canonicalJson({ type: event.type, data: event.data, metadata: event.metadata }) };
    } catch (error) {
      throw new EventStoreError('INVALID_ARGUMENT', `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  });
}
