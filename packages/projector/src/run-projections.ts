import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '@semaforo/event-store';
import { createKysely, type SqlClient, type AnyKysely } from '@semaforo/sql';
import { ProjectionApplyError } from './errors.js';
import { silentLogger, type ProjectorLogger } from './logger.js';
import { createProjectionLocks, type ProjectionLock, type ProjectionLocks } from './projection-locks.js';
import { ProjectionRetired, ProjectionWorker, RunnerSuperseded, type ProjectionProgress } from './projection-worker.js';
import { assertProjection, type Projection } from './projection.js';

export const DEFAULT_BATCH_SIZE = 1_000;

export interface RunProjectionsOptions {
  /** Where the events come from. */
  readonly store: EventStore;
  /** Where the read models and the registry (schema `projector`) live: may be another database than the store's. */
  readonly sql: SqlClient;
  readonly projections: readonly Projection[];
  /** Stamps watermarks and `updated_at`. */
  readonly clock: () => Date;
  /** Stops every runner; `runProjections` resolves once they have stopped. */
  readonly signal: AbortSignal;
  /** Events read per batch (one transaction each); default 1,000. */
  readonly batchSize?: number;
  readonly logger?: ProjectorLogger;
  readonly onProgress?: (progress: ProjectionProgress) => void;
  /** How often a runner that waits for another's lock tries again (default 3 s). */
  readonly lockRetryMs?: number;
  /** First wait after a failure, doubled each time up to `maxRetryMs` (defaults 1 s and 60 s). */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  /** How often the lock connection is checked (PostgreSQL; default 5 s). */
  readonly lockHeartbeatMs?: number;
}

interface Runtime {
  readonly options: RunProjectionsOptions;
  readonly db: AnyKysely;
  readonly locks: ProjectionLocks;
  readonly logger: ProjectorLogger;
  readonly batchSize: number;
}

/**
 * Runs every projection until `signal` aborts, each in its own loop: wait
 * for its lock (one active runner per version, across processes), register,
 * migrate, catch up, go live, follow the log. A failure stops that
 * projection only, is logged (naming the event when a handler failed), and
 * is retried from the same checkpoint after a growing pause: an event is
 * never skipped. A retired version's runner stops. Resolves when every loop
 * has stopped; rejects only on invalid options.
 */
export async function runProjections(options: RunProjectionsOptions): Promise<void> {
  const seen = new Set<string>();
  for (const projection of options.projections) {
    assertProjection(projection);
    const key = `${projection.name} v${projection.version}`;
    if (seen.has(key)) throw new TypeError(`projection ${key} is listed twice`);
    seen.add(key);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new TypeError(`batchSize must be a positive integer, not ${String(batchSize)}`);
  const logger = options.logger ?? silentLogger;
  const runtime: Runtime = {
    options,
    db: createKysely(options.sql),
    locks: createProjectionLocks(options.sql, { logger, ...(options.lockHeartbeatMs === undefined ? {} : { heartbeatMs: options.lockHeartbeatMs }) }),
    logger,
    batchSize,
  };
  try {
    await Promise.all(options.projections.map((projection) => runOne(runtime, projection)));
  } finally {
    await runtime.locks.close().catch((error: unknown) => logger.warn({ err: error }, 'could not release the projector locks cleanly'));
    await runtime.db.destroy();
  }
}

/** Sleeps unless aborted first; false when aborted. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

async function acquire(runtime: Runtime, projection: Projection): Promise<ProjectionLock | null> {
  const { signal } = runtime.options;
  let told = false;
  while (!signal.aborted) {
    const lock = await runtime.locks.tryAcquire(projection);
    if (lock !== null) return lock;
    if (!told) {
      runtime.logger.info(
        { projection: projection.name, version: projection.version },
        `another runner applies projection ${projection.name} v${projection.version}: waiting for its lock`,
      );
      told = true;
    }
    if (!(await pause(runtime.options.lockRetryMs ?? 3_000, signal))) return null;
  }
  return null;
}

async function runOne(runtime: Runtime, projection: Projection): Promise<void> {
  const { options, logger } = runtime;
  const { signal } = options;
  const fields = { projection: projection.name, version: projection.version };
  let failures = 0;
  while (!signal.aborted) {
    let lock: ProjectionLock | null = null;
    let worker: ProjectionWorker | undefined;
    try {
      lock = await acquire(runtime, projection);
      if (lock === null) return;
      worker = new ProjectionWorker(
        {
          store: options.store,
          db: runtime.db,
          clock: options.clock,
          signal,
          batchSize: runtime.batchSize,
          logger,
          onProgress: options.onProgress,
        },
        projection,
        lock,
      );
      await worker.prepare();
      if (!(await worker.catchUp())) return;
      await worker.goLiveIfBuilding();
      await worker.follow();
      return;
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ProjectionRetired) {
        logger.info(fields, `projection ${projection.name} v${projection.version} was retired by a newer version: its runner stops`);
        return;
      }
      if (worker !== undefined && worker.batches > 0) failures = 0;
      failures += 1;
      const delay = Math.min((options.retryMs ?? 1_000) * 2 ** Math.min(failures - 1, 20), options.maxRetryMs ?? 60_000);
      if (error instanceof RunnerSuperseded) {
        logger.warn({ ...fields, err: error, retryInMs: delay }, `${error.message}: queueing for its lock again`);
      } else if (error instanceof ProjectionApplyError) {
        logger.error(
          { ...fields, err: error, event: error.event, batch: error.batch, attempt: failures, retryInMs: delay },
          `${error.message}; the projection is stopped and retries in ${delay} ms`,
        );
      } else {
        logger.error(
          { ...fields, err: error, attempt: failures, retryInMs: delay },
          `projection ${projection.name} v${projection.version} stopped: ${messageOf(error)}; retrying in ${delay} ms`,
        );
      }
      await lock?.release().catch(() => undefined);
      lock = null;
      if (!(await pause(delay, signal))) return;
    } finally {
      await lock?.release().catch(() => undefined);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
