import { openEventStore, type EventStore } from '@semaforo/event-store';
import { createKysely, type SqlClient, type AnyKysely } from '@semaforo/sql';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';

/** One database holding the log and the read models: an embedded PGlite or a fresh PostgreSQL database. */
export interface Backend {
  readonly kind: 'pglite' | 'postgres';
  readonly store: EventStore;
  readonly sql: SqlClient;
  readonly db: AnyKysely;
  /** A second, empty database of the same kind (for "rebuilt elsewhere" comparisons). */
  readonly fresh: () => Promise<Backend>;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

/**
 * Opens a backend of each kind the machine has. PostgreSQL follows
 * `postgresRequired()`: a failure in CI when unreachable, a loud skip
 * elsewhere. Everything is closed (and the database dropped) at teardown.
 */
export async function availableBackends(t: Teardown): Promise<Backend[]> {
  const backends = [await openBackend(t, 'pglite')];
  if (await postgresRequired()) backends.push(await openBackend(t, 'postgres'));
  return backends;
}

/**
 * The backend of one kind, or undefined when it is PostgreSQL and the machine
 * has none (and CI does not require it): for a test told once per kind, which
 * opens only the database it uses.
 */
export async function backendOfKind(t: Teardown, kind: 'pglite' | 'postgres'): Promise<Backend | undefined> {
  if (kind === 'postgres' && !(await postgresRequired())) return undefined;
  return openBackend(t, kind);
}

export async function openBackend(t: Teardown, kind: 'pglite' | 'postgres'): Promise<Backend> {
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    const database = await createTestDatabase();
    t.teardown(() => database.drop());
    databaseUrl = database.connectionString;
  }
  const { store, sql } = await openEventStore({ dataDir: 'memory://', ...(databaseUrl === undefined ? {} : { databaseUrl }) });
  const db: AnyKysely = createKysely(sql);
  // Teardowns run in reverse order: the store closes before the database is dropped.
  t.teardown(() => store.close());
  return { kind, store, sql, db, fresh: () => openBackend(t, kind) };
}
