import { SqlUnavailableError, type SqlClient } from '@semaforo/sql';
import { openPgliteClient } from './adapters/pglite.js';
import { openPostgresClient } from './adapters/postgres.js';
import { createKurrentDbEventStore } from './adapters/kurrentdb/kurrentdb-event-store.js';
import { EventStoreError, StoreUnavailableError } from './errors.js';
import type { EventStore } from './event-store.js';
import { migrateEventStore } from './schema.js';
import { createSqlEventStore } from './sql-event-store.js';

export interface OpenEventStoreOptions {
  /** PostgreSQL connection string; when absent or empty, PGlite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** PGlite's data directory, created if missing ('memory://' for a throw-away store). */
  readonly dataDir: string;
  /**
   * `esdb://` / `kurrentdb://` connection string (EVENTSTORE_URL): when set,
   * the log lives on EventStoreDB / KurrentDB and the database above holds
   * only the read models. When absent or empty, the log is in that database.
   */
  readonly eventStoreUrl?: string | undefined;
}

/**
 * Opens the store and brings its schema up to date. `sql` is the read-model
 * database (`createKysely(sql)`): the same database as the log, unless
 * `eventStoreUrl` puts the log on KurrentDB. It is closed by `store.close()`,
 * so close the store last.
 */
export async function openEventStore(options: OpenEventStoreOptions): Promise<{ store: EventStore; sql: SqlClient }> {
  const usePostgres = options.databaseUrl !== undefined && options.databaseUrl !== '';
  let sql: SqlClient;
  try {
    sql = usePostgres ? openPostgresClient(options.databaseUrl) : await openPgliteClient(options.dataDir);
  } catch (error) {
    throw new StoreUnavailableError(`cannot open the event store: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (options.eventStoreUrl !== undefined && options.eventStoreUrl !== '') return openOnKurrentDb(options.eventStoreUrl, sql);
  try {
    await migrateEventStore(sql);
  } catch (error) {
    await sql.close();
    if (error instanceof SqlUnavailableError) throw new StoreUnavailableError(`event store unavailable: ${error.message}`, { cause: error });
    throw new EventStoreError('DATABASE_ERROR', `event store migration failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return { store: createSqlEventStore(sql, { ownsClient: true }), sql };
}

/** The log on KurrentDB, `sql` for read models only (no events table there). Fails at once when the server does not answer. */
async function openOnKurrentDb(eventStoreUrl: string, sql: SqlClient): Promise<{ store: EventStore; sql: SqlClient }> {
  let log: EventStore;
  try {
    log = createKurrentDbEventStore({ connectionString: eventStoreUrl });
    await log.ping().catch(async (error: unknown) => {
      await log.close();
      throw error;
    });
  } catch (error) {
    await sql.close();
    throw error;
  }
  const store: EventStore = {
    ...log,
    async close() {
      try {
        await log.close();
      } finally {
        await sql.close();
      }
    },
  };
  return { store, sql };
}
