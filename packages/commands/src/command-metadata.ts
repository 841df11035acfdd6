import type { EventSource } from '@semaforo/event-store';

/**
 * Everything about a command that is not its data: who, from where, when,
 * and how to name new events. The edge (a route, the CLI, an importer) fills
 * it, so the handlers and the domain never read the clock or make ids.
 */
export interface CommandMetadata {
  readonly actor: { readonly id: string; readonly role?: string };
  readonly source: EventSource;
  readonly requestId: string;
  readonly correlationId: string;
  /** The message that caused this command; the request id when absent. */
  readonly causationId?: string;
  /** ISO-8601 instant the command was received. */
  readonly recordedAt: string;
  /** Returns a fresh event id (a UUID) on each call. */
  readonly newEventId: () => string;
}
