import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';

/**
 * Version 2: whether a justification's text is reserved (the public version
 * of a report omits it). A corrective action's mark travels inside
 * `corrective_actions`, which is JSON already. Frozen, idempotent, like 0001.
 *
 * A change of the tables, so a new projection version built beside version
 * 1 (which never had the column); `false` for every row that does not say
 * otherwise is exact, since a JustificationAdded without the mark is not
 * reserved.
 */
export async function markReservedJustifications(db: AnyKysely, schema: string): Promise<void> {
  await sql`ALTER TABLE ${sql.table(`${schema}.justifications`)} ADD COLUMN IF NOT EXISTS reserved boolean NOT NULL DEFAULT false`.execute(db);
}
