import { createHash } from 'node:crypto';
import { eventEnvelope } from '@semaforo/commands';
import { canAppendToStreams, type AppendGuard, type EventStore, type EventToAppend, type StreamAppend } from '@semaforo/event-store';
import type { DecidedEvent } from './decide-import.js';
import type { ImportActor } from './import-options.js';

/** What every event of one import records besides its data: fixed when the import starts, so a retry appends the same bytes. */
export interface ImportStamp {
  readonly actor: Pick<ImportActor, 'id' | 'role'>;
  /** SHA-256 (hex) of the file's bytes. */
  readonly fileDigest: string;
  readonly requestId: string;
  readonly recordedAt: string;
}

/**
 * An event's id from the file's digest, its row and the stream version it
 * takes: the same file decided on the same state names its events the same,
 * so appending them again (a retry after a crash, a resumed job) is a no-op
 * in the store (same ids, same content), never a second copy.
 */
export function importEventId(fileDigest: string, event: Pick<DecidedEvent, 'sheet' | 'row' | 'streamName' | 'streamVersion'>): string {
  const hex = createHash('sha256').update(`${fileDigest}\n${event.sheet}\n${event.row}\n${event.streamName}\n${event.streamVersion}`).digest('hex');
  // A UUID (version 8, "custom") the store accepts as an event id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function stampEvent(event: DecidedEvent, stamp: ImportStamp): EventToAppend {
  return eventEnvelope(
    event,
    importEventId(stamp.fileDigest, event),
    {
      actor: { id: stamp.actor.id, role: stamp.actor.role },
      source: 'import',
      requestId: stamp.requestId,
      correlationId: `import-${stamp.fileDigest.slice(0, 32)}`,
      causationId: stamp.requestId,
      recordedAt: stamp.recordedAt,
    },
    event.reason,
  );
}

/**
 * Appends decided events, every stream at the version it was decided on,
 * in one multi-stream append: all of them or, when any stream moved on
 * since (`ConcurrencyError`), none. `guards` (a plan's sign-off, at the
 * version the decisions read) are checked inside that append, so an
 * approval either commits after it or is seen and refuses it. A store
 * without multi-stream appends (KurrentDB) gets one guarded append per
 * stream, in order (with that store's documented gap on guards).
 */
export async function appendDecided(
  store: EventStore,
  events: readonly DecidedEvent[],
  stamp: ImportStamp,
  guards: readonly AppendGuard[] = [],
): Promise<void> {
  if (events.length === 0) return;
  const byStream = new Map<string, { expectedVersion: number; events: EventToAppend[] }>();
  for (const event of events) {
    let append = byStream.get(event.streamName);
    if (append === undefined) {
      append = { expectedVersion: event.streamVersion - 1, events: [] };
      byStream.set(event.streamName, append);
    }
    append.events.push(stampEvent(event, stamp));
  }
  const appends: StreamAppend[] = [...byStream].map(([streamName, { expectedVersion, events: stamped }]) => ({ streamName, expectedVersion, events: stamped }));
  const guarded = guards.length > 0 ? { guards } : {};
  if (canAppendToStreams(store)) {
    await store.appendToStreams(appends, guarded);
    return;
  }
  for (const append of appends) await store.appendToStream(append.streamName, append.events, { expectedVersion: append.expectedVersion, ...guarded });
}
