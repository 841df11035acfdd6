import { openEventStore, type EventStore } from '@semaforo/event-store';
import { createPostgresClient, type SqlClient } from '@semaforo/sql';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { startInProcessProjector, type InProcessProjector } from './in-process-projector.js';
import { allProjections } from './projections.js';

/** The part of the configuration that says where the deployment's data is. */
export type DeploymentConfig = Pick<Config, 'dataDir' | 'databaseUrl' | 'databaseReplicaUrls' | 'eventStoreUrl' | 'projectorBatchSize'>;

/** One deployment's data, opened once by a service's main. */
export interface Deployment {
  /** The event log: in the database below, or on KurrentDB with EVENTSTORE_URL. */
  readonly store: EventStore;
  /**
   * The read models' database (`createKysely(readModels)`), where the
   * projections write and the queries read; also where the API keeps its
   * idempotency keys. With PGlite or plain PostgreSQL it is the log's own database.
   */
  readonly readModels: SqlClient;
  /**
   * Hot standbys of `readModels` (DATABASE_REPLICA_URL), read-only: the read
   * routes read there. Empty without replicas. Opened lazily, closed by `close()`.
   */
  readonly readReplicas: readonly SqlClient[];
  /** Runs every projection of `allProjections` in this process until `stop()` or `close()`. */
  startProjections(options: { readonly logger: Logger; readonly clock?: () => Date }): InProcessProjector;
  /** Stops the projections started here, then closes the log, then the read-model database. */
  close(): Promise<void>;
}

/**
 * Opens the event store and the read-model database the configuration
 * names, bringing their schemas up to date. Fails with the event store's
 * `StoreUnavailableError` when a database does not answer.
 */
export async function openDeployment(config: DeploymentConfig): Promise<Deployment> {
  const { store, sql } = await openEventStore({
    dataDir: config.dataDir,
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
    ...(config.eventStoreUrl === undefined ? {} : { eventStoreUrl: config.eventStoreUrl }),
  });
  const running = new Set<InProcessProjector>();
  const readReplicas = (config.databaseReplicaUrls ?? []).map((connectionString) =>
    createPostgresClient({ connectionString, applicationName: 'semaforo-replica-reader' }),
  );
  return {
    store,
    readModels: sql,
    readReplicas,
    startProjections(options) {
      const projector = startInProcessProjector({
        store,
        sql,
        projections: allProjections,
        logger: options.logger,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(config.projectorBatchSize === undefined ? {} : { batchSize: config.projectorBatchSize }),
      });
      running.add(projector);
      return {
        async stop() {
          running.delete(projector);
          await projector.stop();
        },
      };
    },
    async close() {
      // Runners write to both: they stop first. `openEventStore` hands the store the
      // read-model client, so closing the store closes the log, then that database.
      await Promise.all([...running].map((projector) => projector.stop()));
      running.clear();
      await store.close();
      await Promise.all(readReplicas.map((replica) => replica.close()));
    },
  };
}
