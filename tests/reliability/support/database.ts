import { openEventStore, type EventStore } from '@semaforo/event-store';
import { createKysely, type SqlClient, type AnyKysely } from '@semaforo/sql';
import { createTestDatabase, type TestDatabase } from '@semaforo/sql/testing';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface OpenedDatabase {
  readonly database: TestDatabase;
  readonly url: string;
  /** The test's own view of the log (the services under test open theirs). */
  readonly store: EventStore;
  readonly sql: SqlClient;
  readonly db: AnyKysely;
}

/**
 * A fresh database on the shared PostgreSQL (one per test: files run in
 * parallel), with the event store's schema, dropped at teardown.
 */
export async function freshDatabase(t: Teardown): Promise<OpenedDatabase> {
  const database = await createTestDatabase();
  const { store, sql } = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused: PostgreSQL' });
  const db: AnyKysely = createKysely(sql);
  t.teardown(async () => {
    await db.destroy();
    await store.close();
    await database.drop();
  });
  return { database, url: database.connectionString, store, sql, db };
}
