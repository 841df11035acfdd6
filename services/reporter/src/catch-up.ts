import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, formatLogPosition, LOG_START, type EventStore, type LogPosition } from '@semaforo/event-store';
import { evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
import { liveProjection, runProjections, type ProjectorLogger } from '@semaforo/projector';
import type { SqlClient, AnyKysely } from '@semaforo/sql';

/**
 * Brings the evaluation read model up to the head of the log, by running
 * the projector here until it has caught up. For the embedded store only:
 * its data folder is open in one process at a time, so while the reporter
 * holds it nobody else can project (with PostgreSQL, the projector service
 * does, and the reporter only reads). Returns the position reached.
 */
export async function catchUpReadModel(options: { store: EventStore; sql: SqlClient; db: AnyKysely; say: (line: string) => void }): Promise<LogPosition> {
  const { store, db, say } = options;
  const head = (await store.latestPosition()) ?? LOG_START;
  const controller = new AbortController();
  const logger: ProjectorLogger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (_fields, message) => say(`projector: ${message}`),
    error: (_fields, message) => say(`projector: ${message}`),
  };
  let stopped = false;
  const running = runProjections({
    store,
    sql: options.sql,
    projections: [evaluationFactsProjection],
    clock: () => new Date(),
    signal: controller.signal,
    logger,
  }).finally(() => (stopped = true));
  try {
    let told = false;
    for (;;) {
      const checkpoint = await checkpointOf(db);
      if (checkpoint !== null && compareLogPositions(checkpoint, head) >= 0) return checkpoint;
      if (stopped) throw new Error('the projector stopped before the read model caught up');
      if (!told) {
        say(`bringing the evaluation read model up to the log's head (${formatLogPosition(head)})…`);
        told = true;
      }
      await sleep(50);
    }
  } finally {
    controller.abort();
    await running;
  }
}

async function checkpointOf(db: AnyKysely): Promise<LogPosition | null> {
  try {
    return (await liveProjection(db, evaluationFactsProjection.name)).checkpoint;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'PROJECTION_NOT_LIVE') return null;
    throw error;
  }
}
