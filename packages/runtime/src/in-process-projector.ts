import type { EventStore } from '@semaforo/event-store';
import { runProjections, type Projection } from '@semaforo/projector';
import type { SqlClient } from '@semaforo/sql';
import type { Logger } from 'pino';

export interface InProcessProjector {
  /** Stops every runner after its current batch; resolves once they have stopped. */
  stop(): Promise<void>;
}

/**
 * Runs the projections inside the calling process (the API's): the only way
 * with the embedded PGlite store, which no other process can open. On
 * PostgreSQL it is safe beside projector services and other API processes
 * (one runner per projection version at a time); RUN_PROJECTOR=false leaves
 * the work to them. A failure is logged, not thrown: the API keeps serving.
 */
export function startInProcessProjector(options: {
  readonly store: EventStore;
  readonly sql: SqlClient;
  readonly projections: readonly Projection[];
  readonly logger: Logger;
  readonly clock?: () => Date;
  readonly batchSize?: number;
}): InProcessProjector {
  const controller = new AbortController();
  const logger = options.logger.child({ component: 'projector' });
  const running = runProjections({
    store: options.store,
    sql: options.sql,
    projections: options.projections,
    clock: options.clock ?? (() => new Date()),
    signal: controller.signal,
    logger,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  }).catch((error: unknown) => logger.error({ err: error }, 'the in-process projector stopped'));
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
