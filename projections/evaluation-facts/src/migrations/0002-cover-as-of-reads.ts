import { sql, type Kysely } from 'kysely';

/**
 * Covering indexes for `planFactsAt`. Frozen, idempotent, like 0001.
 *
 * The latest target and result of each (code, period) at a position is a
 * `DISTINCT ON` in the key index's order; but that index holds no values, so
 * for a whole plan (every row of its tables) the planner chose a sequential
 * scan and a sort on (code, period, valid_from) over one heap visit per row.
 * With the values in the index it is an index-only scan, already in order.
 * An index, not a change of the tables' shape or content: no new version.
 *
 * Definitions and justifications are left out: large, few, and a definition
 * could outgrow a b-tree entry.
 */
export async function coverAsOfReads(db: Kysely<any>, schema: string): Promise<void> {
  const s = (table: string) => sql.table(`${schema}.${table}`);
  const statements = [
    sql`CREATE INDEX IF NOT EXISTS target_versions_as_of ON ${s('target_versions')} (plan_id, code, period, valid_from DESC) INCLUDE (value)`,
    sql`CREATE INDEX IF NOT EXISTS result_versions_as_of ON ${s('result_versions')} (plan_id, code, period, valid_from DESC)
      INCLUDE (kind, value, numerator, denominator)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
