import { randomBytes } from 'node:crypto';
import { createPostgresClient } from '../postgres-client.js';

/** The maintenance database used to create and drop test databases. */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDatabaseBaseUrl(): string {
  const fromEnv = process.env['TEST_DATABASE_URL'];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_TEST_DATABASE_URL;
}

export interface TestDatabase {
  readonly name: string;
  readonly connectionString: string;
  /** Drops the database, closing whatever sessions are still connected to it. Idempotent. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, empty PostgreSQL database next to the one at
 * `TEST_DATABASE_URL` (default: the `postgres` database on 127.0.0.1:5432).
 * Tap runs test files in parallel: give each file its own database.
 * Throws `SqlUnavailableError` when PostgreSQL cannot be reached.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = testDatabaseBaseUrl();
  const name = `semaforo_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = createPostgresClient({ connectionString: base, max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    connectionString: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      const client = createPostgresClient({ connectionString: base, max: 1 });
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.close();
      }
    },
  };
}
