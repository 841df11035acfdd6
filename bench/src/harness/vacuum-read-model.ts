import type { SqlClient } from '@semaforo/sql';

/*
 * The evaluation facts' tables as autovacuum leaves a deployment's, within a
 * minute of a rebuild: with statistics (right after a rebuild the planner
 * expects 5 rows where there are 9,000, and picks bitmap scans and sorts)
 * and with the visibility map set (else an index-only scan visits the heap
 * for every row). A figure that reads them right after building them would
 * measure a state no running deployment stays in.
 */
export async function vacuumReadModel(sql: SqlClient): Promise<void> {
  const { rows } = await sql.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables
     WHERE relname IN ('plan_versions', 'unit_versions', 'indicator_versions', 'target_versions', 'result_versions', 'justifications')`,
  );
  for (const { name } of rows) await sql.query(`VACUUM (ANALYZE) ${name}`);
}
