import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';

/**
 * Whether a unit version is a retirement. Added to version 2's tables, not
 * a new version: no log written before UnitRetired existed holds one, so
 * `false` for every row already there is what a rebuild would give, and
 * nothing needs projecting again. Frozen, idempotent, like 0001; the reads
 * take the column through the row's JSON, so a table it has not reached yet
 * reads as one without retirements.
 */
export async function markRetiredUnits(db: AnyKysely, schema: string): Promise<void> {
  await sql`ALTER TABLE ${sql.table(`${schema}.unit_versions`)} ADD COLUMN IF NOT EXISTS retired boolean NOT NULL DEFAULT false`.execute(db);
}
