import { findRepoRoot, loadConfig } from '@semaforo/api';
import { openEventStore, type EventStore } from '@semaforo/event-store';
import { createKysely } from '@semaforo/sql';
import type { Kysely } from 'kysely';
import { catchUpReadModel } from './catch-up.js';

/** The log and the read models of one deployment, opened together and closed together. */
export interface ReadSide {
  readonly store: EventStore;
  readonly db: Kysely<any>;
  close(): Promise<void>;
}

/**
 * Opens the store the API would open with this environment: `DATABASE_URL`
 * (PostgreSQL) or the embedded PGlite in `DATA_DIR` for the read models and,
 * unless `EVENTSTORE_URL` puts it on KurrentDB, for the log. The API's own
 * configuration rules, not a copy: `loadConfig` from `@semaforo/api`.
 * With embedded read models, the read model is first brought up to the log's head (see
 * `catchUpReadModel`): the API that would project it cannot be running
 * while this process holds the data folder.
 */
export async function openReadSide(
  env: Readonly<Record<string, string | undefined>>,
  say: (line: string) => void = () => undefined,
): Promise<ReadSide> {
  const config = loadConfig(env, { repoRoot: findRepoRoot() });
  const { store, sql } = await openEventStore({
    dataDir: config.dataDir,
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
    ...(config.eventStoreUrl === undefined ? {} : { eventStoreUrl: config.eventStoreUrl }),
  });
  const db = createKysely<any>(sql);
  if (config.databaseUrl === undefined) {
    try {
      await catchUpReadModel({ store, sql, db, say });
    } catch (error) {
      await db.destroy();
      await store.close();
      throw error;
    }
  }
  return {
    store,
    db,
    async close() {
      await db.destroy();
      // The store owns the SQL client: closing it last closes both.
      await store.close();
    },
  };
}
