import type { AnyKysely } from '@semaforo/sql';

/**
 * A unit's renamings, moves and retirements, one row per event, so that the
 * units (and a unit's subtree) at a position follow them. A table added to
 * version 1 rather than a new version: no log written before these events
 * existed holds one, so the empty table is what a rebuild would give, and
 * nothing needs projecting again. Frozen and idempotent, as `v1.ts`.
 */
export async function migrateAuditTrailUnitChanges(db: AnyKysely, schema: string): Promise<void> {
  const s = db.schema.withSchema(schema);
  await s
    .createTable('unit_changes')
    .ifNotExists()
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'numeric', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    // The new name of a UnitRenamed, the new parent of a UnitMoved (null: to the top); null for the others.
    .addColumn('name', 'text')
    .addColumn('parent_code', 'text')
    // Also the idempotency key: applying an event again conflicts here and inserts nothing.
    .addPrimaryKeyConstraint('unit_changes_pkey', ['plan_id', 'code', 'valid_from'])
    .execute();
}
