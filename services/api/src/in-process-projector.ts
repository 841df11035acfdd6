import type { EventStore } from '@semaforo/event-store';
import { runProjections } from '@semaforo/projector';
import { allProjections } from '@semaforo/projector-service';
import type { SqlClient } from '@semaforo/sql';
import type { Logger } from 'pino';

export interface InProcessProjector {
  /** Stops every runner after its current batch; resolves once they have stopped. */
  stop(): Promise<void>;
}

/**
 * Runs every projection (`allProjections`, the same list as the projector
 * service) inside the API process: the only way with the embedded PGlite
 * store, which no other process can open. On PostgreSQL it is safe beside
 * projector services and other API processes (one runner per projection
 * version at a time); RUN_PROJECTOR=false leaves the work to them.
 */
export function startInProcessProjector(options: {
  readonly store: EventStore;
  readonly sql: SqlClient;
  readonly logger: Logger;
  readonly clock?: () => Date;
}): InProcessProjector {
  const controller = new AbortController();
  const logger = options.logger.child({ component: 'projector' });
  const running = runProjections({
    store: options.store,
    sql: options.sql,
    projections: allProjections,
    clock: options.clock ?? (() => new Date()),
    signal: controller.signal,
    logger,
  }).catch((error: unknown) => logger.error({ err: error }, 'the in-process projector stopped'));
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
