import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, formatLogPosition, LOG_START, type EventStore, type LogPosition } from '@semaforo/event-store';
import { liveProjection, runProjections, type Projection } from '@semaforo/projector';
import type { SqlClient, AnyKysely } from '@semaforo/sql';
import { evaluationFactsProjection } from '../evaluation-facts-projection.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A clock tests move by hand: watermarks get the instants the test chose. */
export interface ManualClock {
  readonly now: () => Date;
  set(instant: string): void;
}

export function manualClock(start: string): ManualClock {
  let current = new Date(start);
  return { now: () => current, set: (instant) => (current = new Date(instant)) };
}

/**
 * The real projector (`runProjections`), in this process, until teardown:
 * what the API runs in embedded mode. Stops before the store closes.
 */
export function startProjector(t: Teardown, options: { store: EventStore; sql: SqlClient; clock: () => Date; projections?: readonly Projection[] }): void {
  const controller = new AbortController();
  const running = runProjections({
    store: options.store,
    sql: options.sql,
    projections: options.projections ?? [evaluationFactsProjection],
    clock: options.clock,
    signal: controller.signal,
    retryMs: 50,
  });
  t.teardown(async () => {
    controller.abort();
    await running;
  });
}

/**
 * Resolves once the live version of the projection has applied the log up
 * to `atLeast` (the position of the test's last write) and to its head as
 * the store shows it now, and returns the checkpoint. Pass `atLeast`: on a
 * shared PostgreSQL, another database's open transaction can hold back what
 * the log shows as readable (xids are cluster-wide), so "the head" alone may
 * be behind what the test wrote. Polls, because catching up is the
 * projector's business; throws after a long while so that a stuck projector
 * fails the test instead of hanging it.
 */
export async function waitUntilProjected(
  db: AnyKysely,
  store: EventStore,
  atLeast: LogPosition = LOG_START,
  name = evaluationFactsProjection.name,
): Promise<LogPosition> {
  const head = (await store.latestPosition()) ?? LOG_START;
  const target = compareLogPositions(head, atLeast) >= 0 ? head : atLeast;
  for (let attempt = 0; attempt < 6_000; attempt += 1) {
    try {
      const { checkpoint } = await liveProjection(db, name);
      if (compareLogPositions(checkpoint, target) >= 0) return checkpoint;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'PROJECTION_NOT_LIVE') throw error;
    }
    await sleep(20);
  }
  throw new Error(`projection ${name} did not reach ${formatLogPosition(target)} in two minutes`);
}
