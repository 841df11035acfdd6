import { performance } from 'node:perf_hooks';
import { propagation, ROOT_CONTEXT, SpanStatusCode, trace, type Link } from '@opentelemetry/api';
import { compareLogPositions, formatLogPosition, LOG_START, type EventStore, type LogPosition, type RecordedEvent } from '@semaforo/event-store';
import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';
import { catchUpTogether } from './catch-up-together.js';
import { ProjectionApplyError, type FailedEvent } from './errors.js';
import type { ProjectorLogger } from './logger.js';
import type { ProjectionLock } from './projection-locks.js';
import { projectionSchema, type Projection } from './projection.js';
import { migrateProjectorRegistry } from './registry-migrations.js';
import { lockForBatch, promoteProjection, recordBatch, registerProjection, type ProjectionState } from './registry.js';

/** How a projection is doing, after each batch. Rates come from a monotonic clock. */
export interface ProjectionProgress {
  readonly name: string;
  readonly version: number;
  readonly state: ProjectionState;
  /** 'catching-up' until the first read that comes back short, then 'following'. */
  readonly phase: 'catching-up' | 'following';
  readonly checkpoint: LogPosition;
  /** Events read since this run started, applied or skipped by type. */
  readonly eventsDone: number;
  /**
   * eventsDone plus an estimate of the events left before the head: the
   * difference of the positions' `prepare` halves, which counts events on the
   * SQL store (a sequence) and is only an estimate elsewhere.
   */
  readonly eventsTotal: number;
  /** Of eventsDone, those of the projection's types. */
  readonly eventsApplied: number;
  readonly eventsPerSecond: number;
  /** Null until there is a rate to go by. */
  readonly etaSeconds: number | null;
  readonly elapsedSeconds: number;
}

export interface WorkerContext {
  readonly store: EventStore;
  readonly db: AnyKysely;
  readonly clock: () => Date;
  readonly signal: AbortSignal;
  readonly batchSize: number;
  readonly logger: ProjectorLogger;
  readonly onProgress?: ((progress: ProjectionProgress) => void) | undefined;
}

/** The version was retired (a newer one took over): its runner stops. */
export class ProjectionRetired extends Error {
  override readonly name = 'ProjectionRetired';
}

/** Our lock or checkpoint went away: someone else is applying this version. Stop and queue for the lock again. */
export class RunnerSuperseded extends Error {
  override readonly name = 'RunnerSuperseded';
}

class ApplyFailed extends Error {
  override readonly name = 'ApplyFailed';
}

const ROLLBACK = Symbol('rollback');
/** `@opentelemetry/api` only: no-op spans unless the service registered an SDK (OTEL_EXPORTER_OTLP_ENDPOINT). */
const tracer = trace.getTracer('@semaforo/projector');

/** Links per batch span, at most: a batch of a bulk import can hold thousands of events of one request. */
const MAX_LINKS = 32;

/** The spans of the requests that wrote a batch's events (their `traceparent`), each once. */
function writersOf(events: readonly RecordedEvent[]): Link[] {
  const links = new Map<string, Link>();
  for (const event of events) {
    const traceparent = event.metadata.traceparent;
    if (traceparent === undefined || links.has(traceparent)) continue;
    const writer = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent }));
    if (writer !== undefined) links.set(traceparent, { context: writer });
    if (links.size >= MAX_LINKS) break;
  }
  return [...links.values()];
}
const HEAD_REFRESH_MS = 1_000;

export function describeEvent(event: RecordedEvent): FailedEvent {
  return { position: formatLogPosition(event.position), type: event.type, streamName: event.streamName, streamVersion: event.streamVersion };
}

/**
 * Applies one projection version from its checkpoint: register, migrate,
 * catch up, go live, follow. Each batch is ONE transaction: lock the
 * registry row, apply, move the checkpoint (to the last event read, even if
 * no event was of the projection's types), record a watermark when live.
 */
export class ProjectionWorker {
  readonly schema: string;
  state: ProjectionState = 'building';
  checkpoint!: LogPosition;
  eventsDone = 0;
  eventsApplied = 0;
  batches = 0;
  #phase: ProjectionProgress['phase'] = 'catching-up';
  readonly #types: ReadonlySet<string>;
  #startedAt = performance.now();
  #head: LogPosition | null = null;
  #headReadAt = -Infinity;
  /** See ApplyContext.carried and fromEmpty: only for a worker that starts at the log's beginning, dropped at the first failed batch. */
  #carried: Map<string, unknown> | undefined;

  constructor(
    private readonly ctx: WorkerContext,
    readonly projection: Projection,
    private readonly lock: ProjectionLock,
  ) {
    this.schema = projectionSchema(projection);
    this.#types = new Set(projection.eventTypes);
  }

  private get identity(): string {
    return `${this.projection.name} v${this.projection.version}`;
  }

  /** Creates the version's schema, runs its migration, then registers it. */
  async prepare(): Promise<void> {
    const { db, logger, clock } = this.ctx;
    await migrateProjectorRegistry(db);
    // Tables before the registration: a first version registers as live, and a reader resolving it must find them.
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(this.schema)}`.execute(db);
    await this.projection.migrate(db, this.schema);
    const { registration, change } = await registerProjection(db, this.projection, clock());
    if (change === 'created')
      logger.info(
        { projection: this.projection.name, version: this.projection.version, state: registration.state },
        `registered projection ${this.identity} as ${registration.state}`,
      );
    if (change === 'reactivated')
      logger.warn(
        { projection: this.projection.name, version: this.projection.version },
        `projection ${this.identity} was retired and runs again: it builds from its checkpoint and takes over once caught up`,
      );
    this.state = registration.state;
    this.checkpoint = registration.checkpoint;
    this.#carried = compareLogPositions(this.checkpoint, LOG_START) === 0 ? new Map() : undefined;
  }

  /** Reads and applies until a read comes back short (the head). False when stopped by the signal. */
  catchUp(): Promise<boolean> {
    return catchUpTogether(this.ctx.store, [this], { batchSize: this.ctx.batchSize, signal: this.ctx.signal });
  }

  /** Starts the clock and the estimate of the progress reports; `catchUp()` calls it, so does a caller that reads for several workers. */
  async beginCatchUp(): Promise<void> {
    this.#phase = 'catching-up';
    this.#startedAt = performance.now();
    await this.#refreshHead(true);
  }

  /** A caught-up 'building' version becomes live and retires the live one. */
  async goLiveIfBuilding(): Promise<void> {
    if (this.state !== 'building') return;
    const { promoted, retired } = await promoteProjection(this.ctx.db, this.projection, this.ctx.clock);
    if (!promoted) return;
    this.state = 'live';
    this.ctx.logger.info(
      { projection: this.projection.name, version: this.projection.version, retired, checkpoint: formatLogPosition(this.checkpoint) },
      retired.length === 0 ? `projection ${this.identity} is live` : `projection ${this.identity} is live; retired v${retired.join(', v')}`,
    );
  }

  /** Applies new events as they become readable, until the signal aborts. */
  async follow(): Promise<void> {
    this.#phase = 'following';
    for await (const events of this.ctx.store.follow({ after: this.checkpoint, signal: this.ctx.signal, batchSize: this.ctx.batchSize })) {
      await this.commit(events);
    }
  }

  /** One batch, one transaction; one span, when tracing is on. */
  async commit(events: readonly RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1];
    if (last === undefined) return;
    // A root span: a batch serves the writes of many requests, none of them its parent; it links to theirs.
    await tracer.startActiveSpan(
      `projection batch ${this.projection.name}`,
      {
        root: true,
        links: writersOf(events),
        attributes: {
          'semaforo.projection.name': this.projection.name,
          'semaforo.projection.version': this.projection.version,
          'semaforo.batch.events': events.length,
          'semaforo.batch.from': formatLogPosition(events[0]!.position),
          'semaforo.checkpoint': formatLogPosition(last.position),
        },
      },
      async (span) => {
        try {
          const applied = await this.#commit(events, last);
          span.setAttributes({ 'semaforo.batch.applied': applied, 'semaforo.projection.state': this.state });
        } catch (error) {
          span.recordException(error instanceof Error ? error : String(error));
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  /** The batch's transaction; resolves to how many of its events were of the projection's types. */
  async #commit(events: readonly RecordedEvent[], last: RecordedEvent): Promise<number> {
    if (this.lock.lost) throw new RunnerSuperseded(`projection ${this.identity}: lost its lock`);
    const relevant = events.filter((event) => this.#types.has(event.type));
    const expected = this.checkpoint;
    let state: ProjectionState | undefined;
    try {
      await this.ctx.db.transaction().execute(async (trx) => {
        const row = await lockForBatch(trx, this.projection);
        if (row === undefined) throw new RunnerSuperseded(`projection ${this.identity} is no longer registered`);
        if (row.state === 'retired') throw new ProjectionRetired(`projection ${this.identity} was retired`);
        if (compareLogPositions(row.checkpoint, expected) !== 0) {
          throw new RunnerSuperseded(
            `projection ${this.identity}: its checkpoint moved from ${formatLogPosition(expected)} to ${formatLogPosition(row.checkpoint)} under us`,
          );
        }
        // Nobody reads a version that is not live, and a batch commits its rows and checkpoint
        // together: if the database crashes before this commit reaches the disk, both are lost
        // and simply applied again. So do not wait for the disk (a rebuild runs twice as fast).
        // A live version waits: its watermark says what was answered.
        if (row.state !== 'live') await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        // Read after the row lock: resolveAsOf relies on it.
        const observedAt = this.ctx.clock();
        if (relevant.length > 0) {
          try {
            await this.projection.apply(trx, this.schema, relevant, { carried: this.#carried, fromEmpty: this.#carried !== undefined });
          } catch (error) {
            throw new ApplyFailed('apply failed', { cause: error });
          }
        }
        await recordBatch(trx, this.projection, { checkpoint: last.position, applied: relevant.length, observedAt, live: row.state === 'live' });
        state = row.state;
      });
    } catch (error) {
      // apply() may have written into the carried memory what the database now does not hold.
      this.#carried = undefined;
      if (error instanceof ApplyFailed) throw await this.#diagnose(events, relevant, error.cause);
      throw error;
    }
    this.state = state ?? this.state;
    this.checkpoint = last.position;
    this.eventsDone += events.length;
    this.eventsApplied += relevant.length;
    this.batches += 1;
    await this.#report();
    return relevant.length;
  }

  /**
   * Names the event a batch failed on: applies the batch again, one event at
   * a time, in a transaction that is always rolled back. Nothing moves; the
   * error says which event to look at.
   */
  async #diagnose(events: readonly RecordedEvent[], relevant: readonly RecordedEvent[], cause: unknown): Promise<ProjectionApplyError> {
    const batch = { from: events[0]!.position, to: events[events.length - 1]!.position, events: events.length };
    if (relevant.length === 1) return new ProjectionApplyError(this.projection, { event: describeEvent(relevant[0]!), batch, cause });
    let culprit: { event: RecordedEvent; error: unknown } | undefined;
    try {
      await this.ctx.db.transaction().execute(async (trx) => {
        for (const event of relevant) {
          try {
            await this.projection.apply(trx, this.schema, [event]);
          } catch (error) {
            culprit = { event, error };
            break;
          }
        }
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a private sentinel, caught just below, that only rolls the transaction back
        throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) this.ctx.logger.warn({ err: error, projection: this.projection.name }, 'could not single out the failing event');
    }
    return culprit === undefined
      ? new ProjectionApplyError(this.projection, { batch, cause })
      : new ProjectionApplyError(this.projection, { event: describeEvent(culprit.event), batch, cause: culprit.error });
  }

  async #refreshHead(force: boolean): Promise<void> {
    const now = performance.now();
    if (!force && now - this.#headReadAt < HEAD_REFRESH_MS) return;
    this.#head = await this.ctx.store.headPosition();
    this.#headReadAt = now;
  }

  #remaining(): number {
    const head = this.#head;
    if (head === null || compareLogPositions(this.checkpoint, head) >= 0) return 0;
    const difference = head.prepare - this.checkpoint.prepare;
    return difference > 0n ? Number(difference) : 1;
  }

  async #report(): Promise<void> {
    if (this.ctx.onProgress === undefined) return;
    if (this.#phase === 'catching-up') await this.#refreshHead(false);
    const elapsedSeconds = (performance.now() - this.#startedAt) / 1_000;
    const remaining = this.#phase === 'following' ? 0 : this.#remaining();
    const eventsPerSecond = elapsedSeconds > 0 ? this.eventsDone / elapsedSeconds : 0;
    this.ctx.onProgress({
      name: this.projection.name,
      version: this.projection.version,
      state: this.state,
      phase: this.#phase,
      checkpoint: this.checkpoint,
      eventsDone: this.eventsDone,
      eventsTotal: this.eventsDone + remaining,
      eventsApplied: this.eventsApplied,
      eventsPerSecond,
      etaSeconds: eventsPerSecond > 0 ? remaining / eventsPerSecond : null,
      elapsedSeconds,
    });
  }
}
