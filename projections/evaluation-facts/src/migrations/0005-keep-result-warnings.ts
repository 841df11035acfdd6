import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';

/**
 * Version 3: the plausibility warnings a result was stored with, as JSON;
 * null for a result without any. Frozen, idempotent, like 0001.
 *
 * A change of the tables, so a new projection version built beside version
 * 2 (which never had the column); null for every row written before is
 * exact, since no event before plausibility rules carries warnings.
 */
export async function keepResultWarnings(db: AnyKysely, schema: string): Promise<void> {
  await sql`ALTER TABLE ${sql.table(`${schema}.result_versions`)} ADD COLUMN IF NOT EXISTS warnings jsonb`.execute(db);
}
