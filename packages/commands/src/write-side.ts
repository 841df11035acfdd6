import {
  DomainError,
  indicatorStream,
  planIdFor,
  planStream,
  type IndicatorCommand,
  type IndicatorState,
  type Message,
  type PlanCommand,
  type StreamOf,
} from '@semaforo/domain';
import { ConcurrencyError, formatLogPosition, type AppendGuard, type EventMetadata, type EventStore, type EventToAppend } from '@semaforo/event-store';
import { context, propagation, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { CommandMetadata } from './command-metadata.js';
import { eventEnvelope } from './event-envelope.js';
import { StreamCache, type CachedStream } from './stream-cache.js';
import type { WriteOptions, WriteResult } from './write-options.js';

/** Conflicting appends are retried on fresh state this many times before giving up. */
const MAX_ATTEMPTS = 5;

/*
 * `@opentelemetry/api` only: without a registered SDK (OTEL_EXPORTER_OTLP_ENDPOINT unset)
 * its spans are no-ops that record nothing, and no SDK type enters the write path.
 */
const tracer = trace.getTracer('@semaforo/commands');

/**
 * The public write path: every command of the product enters here, from the
 * API, the CLI, importers and benchmarks alike, for every aggregate. A stream
 * descriptor of the domain (`planStream`, `indicatorStream`, `accessStream`)
 * says which decider runs the command and what context it reads, so a new
 * aggregate needs a decider and a stream descriptor, no new method here.
 */
/** Told of what the write path does, for metrics; never changes it. */
export interface WriteObserver {
  /** An append lost to a concurrent writer: `retried` when it is decided again on fresh state. */
  onConflict?(retried: boolean): void;
}

export class WriteSide {
  readonly #store: EventStore;
  readonly #cache: StreamCache;
  readonly #observer: WriteObserver;

  constructor(store: EventStore, cache = new StreamCache(), observer: WriteObserver = {}) {
    this.#store = store;
    this.#observer = observer;
    this.#cache = cache;
  }

  /**
   * Load state, decide, append with the expected version: the one path every
   * command takes. The stream's context and the stream itself are first taken
   * from the cache; they are folded again from the store when a cached state
   * may have misled the decision (a conflict on append, or a domain error
   * decided on cached state). Pure decisions, so deciding again is safe.
   */
  execute<Command extends Message<string, object>, Event extends Message<string, object>, State, Context>(
    stream: StreamOf<Command, Event, State, Context>,
    command: NoInfer<Command>,
    metadata: CommandMetadata,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    // A child of the request's span when a request runs it (decide and append, with every retry).
    return tracer.startActiveSpan(
      `execute ${command.type}`,
      { attributes: { 'semaforo.stream.name': stream.name, 'semaforo.command.type': command.type } },
      async (span) => {
        try {
          const result = await this.#execute(stream, command, metadata, options, span);
          span.setAttribute('semaforo.events.appended', result.appended);
          if (result.position !== null) span.setAttribute('semaforo.log.position', result.position);
          return result;
        } catch (error) {
          // A refusal or a lost race is an answer (4xx), not a failure of the write path: named, not marked as an error.
          if (error instanceof DomainError) span.setAttribute('semaforo.refusal.code', error.code);
          else if (error instanceof ConcurrencyError) span.setAttribute('semaforo.conflict.stream', error.streamName);
          else {
            span.recordException(error instanceof Error ? error : String(error));
            span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
          }
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  async #execute<Command extends Message<string, object>, Event extends Message<string, object>, State, Context>(
    stream: StreamOf<Command, Event, State, Context>,
    command: NoInfer<Command>,
    metadata: CommandMetadata,
    options: WriteOptions,
    span: Span,
  ): Promise<WriteResult> {
    const { name, decider } = stream;
    const reason = reasonOf(command);
    let fresh = false;
    for (let attempt = 1; ; attempt++) {
      const { context, guards } = await this.#context(stream, fresh, metadata.recordedAt);
      const current = await this.#load(stream, fresh);
      if (options.expectedVersion !== undefined && current.version !== options.expectedVersion) {
        if (!fresh) {
          fresh = true;
          continue;
        }
        throw new ConcurrencyError(name, options.expectedVersion, current.version);
      }

      let events: Event[];
      try {
        events = decider.decide(command, current.state, context);
      } catch (error) {
        if (error instanceof DomainError && !fresh) {
          fresh = true;
          continue;
        }
        throw error;
      }
      if (events.length === 0) {
        return { streamName: name, version: current.version, appended: 0, position: null };
      }

      try {
        const recorded = recordedMetadata(metadata);
        const envelopes = events.map((event) => eventEnvelope(event, metadata.newEventId(), recorded, reason));
        const result = await this.#store.appendToStream(name, envelopes, {
          expectedVersion: current.version,
          ...(guards.length > 0 ? { guards } : {}),
          ...(stream.fenced === true ? { fence: true } : {}),
        });
        this.#cache.set(name, {
          version: result.nextExpectedVersion,
          // Folded as the store will hand them back (with their metadata), so a warm state equals a fresh one.
          state: events.reduce((state, event, index) => decider.evolve(state, { ...event, metadata: envelopes[index]!.metadata }), current.state),
        });
        return {
          streamName: name,
          version: result.nextExpectedVersion,
          appended: events.length,
          position: formatLogPosition(result.position),
        };
      } catch (error) {
        // Another writer got there first, or a guard stream moved on (an
        // approval): decide again on what it wrote, unless the client pinned
        // the version it saw of this very stream.
        if (error instanceof ConcurrencyError && (options.expectedVersion === undefined || error.streamName !== name) && attempt < MAX_ATTEMPTS) {
          this.#observer.onConflict?.(true);
          span.addEvent('conflict, deciding again', { 'semaforo.attempt': attempt });
          fresh = true;
          continue;
        }
        if (error instanceof ConcurrencyError) this.#observer.onConflict?.(false);
        throw error;
      }
    }
  }

  /** The stream's current state and version, caught up with the store. */
  read<State>(stream: StreamOf<unknown, unknown, State, unknown>): Promise<CachedStream<State>> {
    return this.#load(stream, true);
  }

  /**
   * Many streams' current states, caught up with the store in one
   * `readStreams` call (each from the version its cache holds): for a caller
   * about to decide on hundreds of them (an import). In the order given.
   */
  async readMany<State>(streams: readonly StreamOf<unknown, unknown, State, unknown>[]): Promise<CachedStream<State>[]> {
    const bases = streams.map(({ name, decider }) => this.#cache.get<State>(name) ?? { version: 0, state: decider.initialState() });
    const reads = await this.#store.readStreams(streams.map(({ name }, index) => ({ streamName: name, afterVersion: bases[index]!.version })));
    return streams.map(({ name, decider }, index) => {
      const base = bases[index]!;
      const { version, events } = reads[index]!;
      const loaded = { version: Math.max(version, base.version), state: events.reduce((s, e) => decider.evolve(s, toEvent(e)), base.state) };
      this.#cache.set(name, loaded);
      return loaded;
    });
  }

  /**
   * The stream as the write `written` left it. An append that succeeded put
   * exactly that state in the cache (the append checked the version it was
   * decided on), so while the cache still holds that version it is the
   * answer, without reading the store again. Otherwise (nothing appended, so
   * the cache may be behind another process; or a later write of this
   * process already moved it on), as `read`.
   */
  async readAfter<State>(stream: StreamOf<unknown, unknown, State, unknown>, written: WriteResult): Promise<CachedStream<State>> {
    if (written.appended > 0 && written.streamName === stream.name) {
      const cached = this.#cache.get<State>(stream.name);
      if (cached !== undefined && cached.version === written.version) return cached;
    }
    return this.read(stream);
  }

  /*
   * Shorthands for the plan and indicator streams, used only by the read-side
   * property suite (tests/read-side), which is kept unchanged as an oracle of
   * the read side; every other caller names its stream. Nothing new goes here.
   */

  /** `planId` is ignored for `OpenPlan`, whose id derives from institution and year. */
  executePlanCommand(planId: string, command: PlanCommand, metadata: CommandMetadata, options?: WriteOptions): Promise<WriteResult> {
    const id = command.type === 'OpenPlan' ? planIdFor(command.data.institutionId, command.data.fiscalYear) : planId;
    return this.execute(planStream(id), command, metadata, options);
  }

  executeIndicatorCommand(planId: string, command: IndicatorCommand, metadata: CommandMetadata, options?: WriteOptions): Promise<WriteResult> {
    return this.execute(indicatorStream(planId, command.data.code), command, metadata, options);
  }

  readIndicator(planId: string, code: string): Promise<CachedStream<IndicatorState>> {
    return this.read(indicatorStream(planId, code));
  }

  /** The stream's state, warm from the cache unless `fresh` asks to catch up with the store. */
  async #load<State>(stream: StreamOf<unknown, unknown, State, unknown>, fresh: boolean): Promise<CachedStream<State>> {
    const { name, decider } = stream;
    const cached = this.#cache.get<State>(name);
    if (cached && !fresh) return cached;
    const base: CachedStream<State> = cached ?? { version: 0, state: decider.initialState() };
    const { version, events } = await this.#store.readStream(name, { afterVersion: base.version });
    const state = events.reduce((s, e) => decider.evolve(s, toEvent(e)), base.state);
    const loaded = { version: Math.max(version, base.version), state };
    this.#cache.set(name, loaded);
    return loaded;
  }

  /**
   * The states of the streams the decision reads as context, one by one in
   * the order the descriptor names them, plus the command's instant; and the
   * versions they were read at, for the streams that guard the append.
   */
  async #context<Context>(
    stream: StreamOf<unknown, unknown, unknown, Context>,
    fresh: boolean,
    recordedAt: string,
  ): Promise<{ context: Context; guards: AppendGuard[] }> {
    const streams = stream.context as Readonly<Record<string, StreamOf<unknown, unknown, unknown, unknown>>>;
    const guardedBy = new Set(stream.guardedBy ?? []);
    const context: Record<string, unknown> = { recordedAt };
    const guards: AppendGuard[] = [];
    for (const key of Object.keys(streams)) {
      const contextStream = streams[key]!;
      const loaded = await this.#load(contextStream, fresh);
      context[key] = loaded.state;
      if (guardedBy.has(key)) guards.push({ streamName: contextStream.name, version: loaded.version });
    }
    return { context: context as Context, guards };
  }
}

/**
 * The log only holds what the deciders wrote, so a stored event is one of the
 * stream's own events. Its metadata goes along: a state that records who did
 * what and when (sign-off's approvals, which a lock names) reads it from
 * there; every other decider's `evolve` ignores it.
 */
const toEvent = (recorded: EventToAppend): Message<string, object> & { readonly metadata: EventMetadata } => ({
  type: recorded.type,
  data: recorded.data,
  metadata: recorded.metadata,
});

/** A reason the command carried (a revision's, a correction's, a revocation's); recorded in every event it produces. */
const reasonOf = (command: Message<string, object>): string | undefined => {
  const reason: unknown = 'reason' in command.data ? command.data.reason : undefined;
  return typeof reason === 'string' ? reason : undefined;
};

/** What every event of one command records about it: built once per attempt, the trace context read once. */
const recordedMetadata = (metadata: CommandMetadata): Omit<EventMetadata, 'reason'> => ({
  actor: metadata.actor,
  source: metadata.source,
  requestId: metadata.requestId,
  correlationId: metadata.correlationId,
  causationId: metadata.causationId ?? metadata.requestId,
  recordedAt: metadata.recordedAt,
  ...traceparentOf(),
});

/** The active span's trace context, when a tracing SDK registered a propagator; nothing otherwise. */
function traceparentOf(): { traceparent?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const traceparent = carrier['traceparent'];
  return traceparent === undefined ? {} : { traceparent };
}
