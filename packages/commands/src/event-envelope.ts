import type { Message } from '@semaforo/domain';
import type { EventMetadata, EventToAppend, JsonObject } from '@semaforo/event-store';

/**
 * A decided domain event as the store appends it: its id, and the metadata of
 * the command that produced it with the command's reason, when it carried one.
 * The write side and the importer both append through it, so an event says
 * who, when, where from and why the same way whichever path wrote it.
 */
export function eventEnvelope(
  event: Message<string, object>,
  eventId: string,
  metadata: Omit<EventMetadata, 'reason'>,
  reason: string | undefined,
): EventToAppend {
  return {
    eventId,
    type: event.type,
    // Domain events are plain JSON by construction (zod schemas of strings, numbers, arrays).
    data: event.data as JsonObject,
    metadata: { ...metadata, ...(reason === undefined ? {} : { reason }) },
  };
}
