import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';

/**
 * Version 1's tables. Frozen: written against `AnyKysely`, never edited
 * once released (a change of tables is a new projection version, rebuilt
 * beside the live one). Idempotent, as the projector may run it at every start.
 *
 * - Codes, periods and plan ids are `COLLATE "C"`: code-unit order, the
 *   order `PlanFacts` sorts by, on every machine.
 * - `valid_from` is the event's position key (NUMERIC: commit << 64 | prepare).
 * - Each table's unique index is both the idempotency key (it holds the
 *   event's position, so applying an event twice inserts nothing) and the
 *   index of the as-of query: `DISTINCT ON (...) ... ORDER BY ..., valid_from
 *   DESC` walks it in order, newest version first, with no sort.
 * - Decimal values are `text`: the digest covers them as reported, and
 *   NUMERIC would re-spell "1.50" as "1.5" on some paths.
 */
export async function createFactTables(db: AnyKysely, schema: string): Promise<void> {
  const s = (table: string) => sql.table(`${schema}.${table}`);
  const statements = [
    sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`,
    sql`CREATE TABLE IF NOT EXISTS ${s('plan_versions')} (
      plan_id text COLLATE "C" NOT NULL,
      valid_from numeric NOT NULL,
      event_type text NOT NULL,
      opened_from numeric NOT NULL,
      state jsonb NOT NULL
    )`,
    sql`CREATE UNIQUE INDEX IF NOT EXISTS plan_versions_key ON ${s('plan_versions')} (plan_id, valid_from DESC)`,
    sql`CREATE TABLE IF NOT EXISTS ${s('unit_versions')} (
      plan_id text COLLATE "C" NOT NULL,
      code text COLLATE "C" NOT NULL,
      valid_from numeric NOT NULL,
      name text NOT NULL,
      parent_code text COLLATE "C",
      area_class text NOT NULL
    )`,
    sql`CREATE UNIQUE INDEX IF NOT EXISTS unit_versions_key ON ${s('unit_versions')} (plan_id, code, valid_from DESC)`,
    sql`CREATE TABLE IF NOT EXISTS ${s('indicator_versions')} (
      plan_id text COLLATE "C" NOT NULL,
      code text COLLATE "C" NOT NULL,
      valid_from numeric NOT NULL,
      event_type text NOT NULL,
      registered_from numeric NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'retired')),
      definition jsonb NOT NULL
    )`,
    sql`CREATE UNIQUE INDEX IF NOT EXISTS indicator_versions_key ON ${s('indicator_versions')} (plan_id, code, valid_from DESC)`,
    sql`CREATE TABLE IF NOT EXISTS ${s('target_versions')} (
      plan_id text COLLATE "C" NOT NULL,
      code text COLLATE "C" NOT NULL,
      period text COLLATE "C" NOT NULL,
      valid_from numeric NOT NULL,
      event_type text NOT NULL,
      value text NOT NULL
    )`,
    sql`CREATE UNIQUE INDEX IF NOT EXISTS target_versions_key ON ${s('target_versions')} (plan_id, code, period, valid_from DESC)`,
    sql`CREATE TABLE IF NOT EXISTS ${s('result_versions')} (
      plan_id text COLLATE "C" NOT NULL,
      code text COLLATE "C" NOT NULL,
      period text COLLATE "C" NOT NULL,
      valid_from numeric NOT NULL,
      event_type text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('value', 'no-data')),
      value text,
      numerator text,
      denominator text,
      CHECK ((kind = 'value') = (value IS NOT NULL)),
      CHECK ((numerator IS NULL) = (denominator IS NULL))
    )`,
    sql`CREATE UNIQUE INDEX IF NOT EXISTS result_versions_key ON ${s('result_versions')} (plan_id, code, period, valid_from DESC)`,
    sql`CREATE TABLE IF NOT EXISTS ${s('justifications')} (
      plan_id text COLLATE "C" NOT NULL,
      code text COLLATE "C" NOT NULL,
      valid_from numeric NOT NULL,
      period text NOT NULL,
      justification_number integer NOT NULL,
      text text NOT NULL,
      corrective_actions jsonb NOT NULL,
      recorded_at text NOT NULL,
      actor_id text NOT NULL
    )`,
    sql`CREATE UNIQUE INDEX IF NOT EXISTS justifications_key ON ${s('justifications')} (plan_id, code, valid_from)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
