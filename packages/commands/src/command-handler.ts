import { DomainError } from '@semaforo/domain';
import {
  ConcurrencyError,
  formatLogPosition,
  type EventStore,
  type EventToAppend,
  type JsonObject,
} from '@semaforo/event-store';
import type { Aggregate } from './aggregate.js';
import type { CommandMetadata } from './command-metadata.js';
import type { CachedStream, StreamCache } from './stream-cache.js';
import type { WriteOptions, WriteResult } from './write-options.js';

/** Conflicting appends are retried on fresh state this many times before giving up. */
const MAX_ATTEMPTS = 5;

export interface Decision<State, Event> {
  readonly streamName: string;
  /** Decides on the stream's state (and on `refresh`ed context, see `execute`). */
  readonly decide: (state: State) => Event[];
  /** A reason the command carried; recorded in every event it produces. */
  readonly reason?: string | undefined;
}

/**
 * Load state, decide, append with the expected version: the one path every
 * command takes. Pure decisions, so deciding again after a conflict is safe.
 */
export class CommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly cache: StreamCache,
  ) {}

  /** The stream's state, warm from the cache unless `fresh` asks to catch up with the store. */
  async load<State, Event>(
    streamName: string,
    aggregate: Aggregate<State, Event>,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<CachedStream<State>> {
    const cached = this.cache.get<State>(streamName);
    if (cached && !fresh) return cached;
    const base: CachedStream<State> = cached ?? { version: 0, state: aggregate.initialState() };
    const { version, events } = await this.store.readStream(streamName, { afterVersion: base.version });
    const state = events.reduce((s, e) => aggregate.evolve(s, aggregate.toEvent(e)), base.state);
    const loaded = { version: Math.max(version, base.version), state };
    this.cache.set(streamName, loaded);
    return loaded;
  }

  /**
   * Runs one command. `prepare(fresh)` loads whatever context the decision
   * needs besides the target stream and returns the decision; it is called
   * again with `fresh = true` when a cached state may have misled it (a
   * conflict on append, or a domain error decided on cached context).
   */
  async execute<State, Event extends { type: string; data: object }>(
    aggregate: Aggregate<State, Event>,
    prepare: (fresh: boolean) => Promise<Decision<State, Event>>,
    metadata: CommandMetadata,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    let fresh = false;
    for (let attempt = 1; ; attempt++) {
      const decision = await prepare(fresh);
      const current = await this.load(decision.streamName, aggregate, { fresh });
      if (options.expectedVersion !== undefined && current.version !== options.expectedVersion) {
        if (!fresh) {
          fresh = true;
          continue;
        }
        throw new ConcurrencyError(decision.streamName, options.expectedVersion, current.version);
      }

      let events: Event[];
      try {
        events = decision.decide(current.state);
      } catch (error) {
        if (error instanceof DomainError && !fresh) {
          fresh = true;
          continue;
        }
        throw error;
      }
      if (events.length === 0) {
        return { streamName: decision.streamName, version: current.version, appended: 0, position: null };
      }

      try {
        const result = await this.store.appendToStream(
          decision.streamName,
          events.map((event) => envelope(event, metadata, decision.reason)),
          { expectedVersion: current.version },
        );
        this.cache.set(decision.streamName, {
          version: result.nextExpectedVersion,
          state: events.reduce(aggregate.evolve, current.state),
        });
        return {
          streamName: decision.streamName,
          version: result.nextExpectedVersion,
          appended: events.length,
          position: formatLogPosition(result.position),
        };
      } catch (error) {
        // Another writer got there first: decide again on what it wrote,
        // unless the client pinned the version it saw.
        if (error instanceof ConcurrencyError && options.expectedVersion === undefined && attempt < MAX_ATTEMPTS) {
          fresh = true;
          continue;
        }
        throw error;
      }
    }
  }
}

const envelope = (
  event: { type: string; data: object },
  metadata: CommandMetadata,
  reason: string | undefined,
): EventToAppend => ({
  eventId: metadata.newEventId(),
  type: event.type,
  // Domain events are plain JSON by construction (zod schemas of strings, numbers, arrays).
  data: event.data as JsonObject,
  metadata: {
    actor: metadata.actor,
    source: metadata.source,
    requestId: metadata.requestId,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId ?? metadata.requestId,
    recordedAt: metadata.recordedAt,
    ...(reason === undefined ? {} : { reason }),
  },
});
