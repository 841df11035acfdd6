import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';

/**
 * Version 1 of the audit trail's tables. Frozen: written against
 * `AnyKysely`, never edited once released; a change of shape is a new
 * projection version (a new schema, rebuilt beside the live one).
 * Idempotent, as the runner may run it at every start.
 */
export async function migrateAuditTrailV1(db: AnyKysely, schema: string): Promise<void> {
  await db.schema.createSchema(schema).ifNotExists().execute();
  const s = db.schema.withSchema(schema);

  await s
    .createTable('entries')
    .ifNotExists()
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('position_key', 'numeric', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('stream_name', 'text', (c) => c.notNull())
    .addColumn('stream_version', 'integer', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('indicator_code', 'text')
    .addColumn('unit_code', 'text')
    .addColumn('previous_unit_code', 'text')
    .addColumn('period', 'text')
    .addColumn('before_value', 'text')
    .addColumn('after_value', 'text')
    .addColumn('numerator', 'text')
    .addColumn('denominator', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('causation_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at_text', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    // json, not jsonb: kept as written (keys in the order describeEvent gives them) and cheaper to insert; never queried into.
    .addColumn('changes', 'json', (c) => c.notNull())
    // Also the idempotency key: applying an event again conflicts here and inserts nothing.
    .addPrimaryKeyConstraint('entries_pkey', ['plan_id', 'position_key'])
    .execute();
  // An indicator's history, and the "unit and ratio before this batch" lookups of apply().
  await s
    .createIndex('entries_indicator_idx')
    .ifNotExists()
    .on('entries')
    .columns(['plan_id', 'indicator_code', 'position_key'])
    .where(sql.ref('indicator_code'), 'is not', null)
    .execute();
  await s.createIndex('entries_actor_idx').ifNotExists().on('entries').columns(['plan_id', 'actor_id', 'position_key']).execute();

  await s
    .createTable('units')
    .ifNotExists()
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('area_class', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'numeric', (c) => c.notNull())
    .addPrimaryKeyConstraint('units_pkey', ['plan_id', 'code'])
    .execute();

  await s
    .createTable('plans')
    .ifNotExists()
    .addColumn('plan_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'numeric', (c) => c.notNull())
    .execute();
}
