import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateEventStore } from '@semaforo/event-store';
import { createPgliteClient, createPostgresClient, type SqlClient } from '@semaforo/sql';
import { createTestDatabase } from '@semaforo/sql/testing';

export type Driver = 'postgres' | 'pglite';

/** A database made for one figure and thrown away after it. */
export interface BenchDatabase {
  readonly driver: Driver;
  readonly sql: SqlClient;
  /** PostgreSQL: its connection string (for a second driver-level client); PGlite: its data directory. */
  readonly location: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated event store database: a new PostgreSQL database next to
 * `TEST_DATABASE_URL` (dropped on close), or PGlite in a new temporary
 * directory on disk, as an embedded deployment runs it (removed on close).
 */
export async function openBenchDatabase(driver: Driver, options: { readonly poolSize: number }): Promise<BenchDatabase> {
  if (driver === 'postgres') {
    const database = await createTestDatabase();
    const sql = createPostgresClient({ connectionString: database.connectionString, max: options.poolSize, applicationName: 'semaforo-bench' });
    try {
      await migrateEventStore(sql);
      await createCeilingTable(sql);
    } catch (error) {
      await sql.close();
      await database.drop();
      throw error;
    }
    return {
      driver,
      sql,
      location: database.connectionString,
      async close() {
        await sql.close();
        await database.drop();
      },
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'semaforo-bench-'));
  const sql = await createPgliteClient({ dataDir });
  await migrateEventStore(sql);
  await createCeilingTable(sql);
  return {
    driver,
    sql,
    location: dataDir,
    async close() {
      await sql.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The ceilings insert into a twin of the log: the same columns, defaults,
 * constraints and indexes (LIKE … INCLUDING ALL), so a raw row costs the
 * database exactly what an appended event costs it. Only the append-only
 * trigger is left out, and it fires on UPDATE and DELETE, never on INSERT.
 */
async function createCeilingTable(sql: SqlClient): Promise<void> {
  await sql.query('CREATE TABLE bench_ceiling_events (LIKE events INCLUDING ALL)');
}

export const CEILING_COLUMNS = 'stream_name, stream_version, event_id, type, data, metadata, hash, previous_hash';
