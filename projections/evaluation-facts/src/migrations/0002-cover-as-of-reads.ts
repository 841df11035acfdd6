import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';

/**
 * The key indexes of target_versions and result_versions carry their values
 * (`INCLUDE`), for `planFactsAt`. Frozen, idempotent, like 0001.
 *
 * The latest target and result of each (code, period) at a position is a
 * `DISTINCT ON` in the key index's order; but that index held no values, so
 * for a whole plan (every row of its tables) the planner chose a sequential
 * scan and a sort on (code, period, valid_from) over one heap visit per row.
 * With the values in the index it is an index-only scan, already in order.
 *
 * The key index itself is replaced (same unique key, same name), rather than
 * a second index added beside it: a second one cost the projection's inserts
 * 15-30 %. Under its old name 0001's `CREATE … IF NOT EXISTS` leaves it be;
 * if a start stops between the drop and the rename, 0001 makes the plain one
 * again and the next run of this one swaps it again. An index, not a change of
 * the tables' shape or content: no new version.
 *
 * Definitions and justifications are left out: large, few, and a definition
 * could outgrow a b-tree entry.
 */
export async function coverAsOfReads(db: AnyKysely, schema: string): Promise<void> {
  await coverKeyIndex(db, schema, 'target_versions', ['value']);
  await coverKeyIndex(db, schema, 'result_versions', ['kind', 'value', 'numerator', 'denominator']);
}

async function coverKeyIndex(db: AnyKysely, schema: string, table: string, values: readonly string[]): Promise<void> {
  const key = `${table}_key`;
  const covering = `${table}_key_covering`;
  const { rows } = await sql<{ covering: boolean }>`
    SELECT i.indnatts > i.indnkeyatts AS covering
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relname = ${key}`.execute(db);
  if (rows[0]?.covering === true) return;
  await sql`CREATE UNIQUE INDEX IF NOT EXISTS ${sql.id(covering)} ON ${sql.table(`${schema}.${table}`)}
    (plan_id, code, period, valid_from DESC) INCLUDE (${sql.join(values.map((name) => sql.id(name)))})`.execute(db);
  await sql`DROP INDEX IF EXISTS ${sql.id(schema, key)}`.execute(db);
  await sql`ALTER INDEX ${sql.id(schema, covering)} RENAME TO ${sql.id(key)}`.execute(db);
}
