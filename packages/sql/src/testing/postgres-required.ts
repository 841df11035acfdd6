import { createPostgresClient } from '../postgres-client.js';
import { testDatabaseBaseUrl } from './test-database.js';

let probe: Promise<string | null> | undefined;

/** Null when PostgreSQL answers at TEST_DATABASE_URL, else why not. Probed once per process. */
export function postgresUnavailableReason(): Promise<string | null> {
  probe ??= (async () => {
    const client = createPostgresClient({ connectionString: testDatabaseBaseUrl(), max: 1 });
    try {
      await client.query('SELECT 1');
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      await client.close();
    }
  })();
  return probe;
}

/**
 * Whether a PostgreSQL-backed test file may run. When PostgreSQL is
 * unreachable: throws when `CI` is set (the file fails), otherwise prints a
 * loud warning and resolves false, and the caller skips its tests, e.g.
 *
 *     if (await postgresRequired()) { ...tests } else { t.plan(0, 'PostgreSQL unreachable') }
 */
export async function postgresRequired(): Promise<boolean> {
  const reason = await postgresUnavailableReason();
  if (reason === null) return true;
  const where = testDatabaseBaseUrl().replace(/\/\/[^@/]*@/, '//');
  if (process.env['CI'] !== undefined && process.env['CI'] !== '') {
    throw new Error(`PostgreSQL at ${where} is unreachable (${reason}) and CI is set: PostgreSQL tests must run in CI`);
  }
  const line = '!'.repeat(78);
  process.stderr.write(
    `\n${line}\n!! SKIPPING PostgreSQL tests: ${where} is unreachable (${reason}).\n` +
      `!! Start PostgreSQL or set TEST_DATABASE_URL; with CI set this is a failure.\n${line}\n\n`,
  );
  return false;
}
