import type { EventStore } from '@semaforo/event-store';
import { findRepoRoot, loadConfig, openDeployment } from '@semaforo/runtime';
import { createKysely, type AnyKysely } from '@semaforo/sql';
import { catchUpReadModel } from './catch-up.js';

/** The log and the read models of one deployment, opened together and closed together. */
export interface ReadSide {
  readonly store: EventStore;
  readonly db: AnyKysely;
  close(): Promise<void>;
}

/**
 * Opens the deployment the API would open with this environment:
 * `DATABASE_URL` (PostgreSQL) or the embedded PGlite in `DATA_DIR` for the
 * read models and, unless `EVENTSTORE_URL` puts it on KurrentDB, for the log.
 * The one configuration of every service (`loadConfig` from `@semaforo/runtime`).
 * With embedded read models, the read model is first brought up to the log's head (see
 * `catchUpReadModel`): the API that would project it cannot be running
 * while this process holds the data folder.
 */
export async function openReadSide(env: Readonly<Record<string, string | undefined>>, say: (line: string) => void = () => undefined): Promise<ReadSide> {
  const config = loadConfig(env, { repoRoot: findRepoRoot() });
  const deployment = await openDeployment(config);
  const { store, readModels: sql } = deployment;
  const db: AnyKysely = createKysely(sql);
  if (config.databaseUrl === undefined) {
    try {
      await catchUpReadModel({ store, sql, db, say });
    } catch (error) {
      await db.destroy();
      await deployment.close();
      throw error;
    }
  }
  return {
    store,
    db,
    async close() {
      await db.destroy();
      await deployment.close();
    },
  };
}
