import type { Role } from '@semaforo/domain';
import type { EventSource } from '@semaforo/event-store';

/**
 * Who asked, from where, when and within which conversation: everything a
 * command carries besides its data. Routes take it from
 * `app.commandMetadata(request)` and hand it to a command handler, so
 * handlers and the domain never read the clock or make ids.
 *
 * The shape is that of `@semaforo/commands`' `CommandMetadata`, so it
 * passes straight through. `recordedAt` is "now" from the app's clock.
 */
export interface ApiCommandMetadata {
  /** The token that authenticated the request (its id) and the role it acts in. */
  readonly actor: { readonly id: string; readonly role: Role };
  readonly source: Extract<EventSource, 'api'>;
  /** This request's id (`X-Request-Id` when the client sent a usable one). */
  readonly requestId: string;
  /** The conversation this request belongs to (`X-Correlation-Id`, else the request id). */
  readonly correlationId: string;
  /** What caused the command: this request. */
  readonly causationId: string;
  /** ISO-8601 instant, read once per call from the app's clock. */
  readonly recordedAt: string;
  /** A fresh event id on each call. */
  readonly newEventId: () => string;
}
