import type { EventStore, LogPosition } from '@semaforo/event-store';
import { createKysely, type SqlClient } from '@semaforo/sql';
import { ProjectorError } from './errors.js';
import { silentLogger, type ProjectorLogger } from './logger.js';
import { catchUpTogether } from './catch-up-together.js';
import { createProjectionLocks, type ProjectionLock } from './projection-locks.js';
import { ProjectionWorker, type ProjectionProgress } from './projection-worker.js';
import { assertProjection, projectionSchema, type Projection } from './projection.js';
import { migrateProjectorRegistry } from './registry-migrations.js';
import { registerProjection, resetProjection } from './registry.js';

/**
 * Larger than the runner's: nobody reads a version while it rebuilds, so long
 * transactions cost nothing, and fewer of them go faster (measured on the
 * runner alone: ~50,000 events/s at 1,000 per batch, ~90,000 at 5,000).
 */
export const DEFAULT_REBUILD_BATCH_SIZE = 5_000;

export interface RebuildProjectionOptions {
  readonly store: EventStore;
  readonly sql: SqlClient;
  readonly projection: Projection;
  readonly clock: () => Date;
  /** Stops the rebuild between batches; the version then stays 'building' at its checkpoint. */
  readonly signal: AbortSignal;
  /** Events per batch (one transaction each); default 5,000. */
  readonly batchSize?: number;
  readonly logger?: ProjectorLogger;
  readonly onProgress?: (progress: ProjectionProgress) => void;
}

export interface RebuildResult {
  /** False when the signal stopped it before the head. */
  readonly completed: boolean;
  /** Whether the version went live at the end (it does unless stopped). */
  readonly live: boolean;
  readonly schema: string;
  readonly checkpoint: LogPosition;
  readonly eventsRead: number;
  readonly eventsApplied: number;
  readonly seconds: number;
}

/**
 * Rebuilds one projection version from zero: drops its schema, resets its
 * checkpoint, then applies the whole log with progress reports, and goes
 * live once caught up (retiring the live version, if another one was). A
 * handler error stops the rebuild with a ProjectionApplyError naming the
 * event. Refuses (PROJECTION_BUSY) while another runner holds the version:
 * stop it first, or bump the version and let the runner build it beside the
 * live one.
 */
export async function rebuildProjection(options: RebuildProjectionOptions): Promise<RebuildResult> {
  const { projection, ...rest } = options;
  const [result] = await rebuildProjections({ ...rest, projections: [projection] });
  return result!;
}

export interface RebuildProjectionsOptions extends Omit<RebuildProjectionOptions, 'projection'> {
  /** Distinct names; each is rebuilt as `rebuildProjection` would. */
  readonly projections: readonly Projection[];
}

/**
 * Rebuilds several projection versions from zero reading the log ONCE: each
 * page goes to every projection, each commits it in its own transaction
 * (see catchUpTogether). Otherwise as `rebuildProjection`, for each: all
 * locks are taken first (PROJECTION_BUSY if any is held elsewhere), then
 * every version is reset, caught up and goes live. Results in the order
 * given; `seconds` is the whole rebuild's, the same for each.
 */
export async function rebuildProjections(options: RebuildProjectionsOptions): Promise<RebuildResult[]> {
  const { projections } = options;
  for (const projection of projections) assertProjection(projection);
  const names = projections.map((p) => p.name);
  if (new Set(names).size !== names.length) throw new TypeError(`rebuild one version per projection, not ${names.join(', ')}`);
  const logger = options.logger ?? silentLogger;
  const db = createKysely(options.sql);
  const locks = createProjectionLocks(options.sql, { logger });
  const startedAt = performance.now();
  const held: ProjectionLock[] = [];
  try {
    await migrateProjectorRegistry(db);
    for (const projection of projections) {
      const lock = await locks.tryAcquire(projection);
      if (lock === null) {
        throw new ProjectorError(
          'PROJECTION_BUSY',
          `projection ${projection.name} v${projection.version} is being applied by another runner: stop it first, or bump the version to rebuild beside it`,
        );
      }
      held.push(lock);
    }
    const batchSize = options.batchSize ?? DEFAULT_REBUILD_BATCH_SIZE;
    const workers: ProjectionWorker[] = [];
    for (const [i, projection] of projections.entries()) {
      await registerProjection(db, projection, options.clock());
      await resetProjection(db, projection, options.clock());
      logger.info({ projection: projection.name, version: projection.version }, `rebuilding projection ${projection.name} v${projection.version} from zero`);
      const worker = new ProjectionWorker(
        { store: options.store, db, clock: options.clock, signal: options.signal, batchSize, logger, onProgress: options.onProgress },
        projection,
        held[i]!,
      );
      await worker.prepare();
      workers.push(worker);
    }
    const completed = await catchUpTogether(options.store, workers, { batchSize, signal: options.signal });
    if (completed) for (const worker of workers) await worker.goLiveIfBuilding();
    const seconds = (performance.now() - startedAt) / 1_000;
    return workers.map((worker) => ({
      completed,
      live: worker.state === 'live',
      schema: projectionSchema(worker.projection),
      checkpoint: worker.checkpoint,
      eventsRead: worker.eventsDone,
      eventsApplied: worker.eventsApplied,
      seconds,
    }));
  } finally {
    for (const lock of held) await lock.release();
    await locks.close();
    await db.destroy();
  }
}
