import { bulkColumn as column, bulkInsert, type BulkColumn, type AnyKysely } from '@semaforo/sql';
import type { FactRows } from './fact-rows.js';

type Rows<K extends keyof FactRows> = FactRows[K][number];

const PLAN_COLUMNS: readonly BulkColumn<Rows<'plans'>>[] = [
  column('plan_id', 'text', (r) => r.plan_id),
  column('valid_from', 'numeric', (r) => r.valid_from),
  column('event_type', 'text', (r) => r.event_type),
  column('opened_from', 'numeric', (r) => r.opened_from),
  column('state', 'jsonb', (r) => JSON.stringify(r.state)),
];

const UNIT_COLUMNS: readonly BulkColumn<Rows<'units'>>[] = [
  column('plan_id', 'text', (r) => r.plan_id),
  column('code', 'text', (r) => r.code),
  column('valid_from', 'numeric', (r) => r.valid_from),
  column('name', 'text', (r) => r.name),
  column('parent_code', 'text', (r) => r.parent_code ?? null),
  column('area_class', 'text', (r) => r.area_class),
  column('retired', 'boolean', (r) => (r.retired === true ? 'true' : 'false')),
];

const INDICATOR_COLUMNS: readonly BulkColumn<Rows<'indicators'>>[] = [
  column('plan_id', 'text', (r) => r.plan_id),
  column('code', 'text', (r) => r.code),
  column('valid_from', 'numeric', (r) => r.valid_from),
  column('event_type', 'text', (r) => r.event_type),
  column('registered_from', 'numeric', (r) => r.registered_from),
  column('status', 'text', (r) => r.status),
  column('definition', 'jsonb', (r) => JSON.stringify(r.definition)),
];

const TARGET_COLUMNS: readonly BulkColumn<Rows<'targets'>>[] = [
  column('plan_id', 'text', (r) => r.plan_id),
  column('code', 'text', (r) => r.code),
  column('period', 'text', (r) => r.period),
  column('valid_from', 'numeric', (r) => r.valid_from),
  column('event_type', 'text', (r) => r.event_type),
  column('value', 'text', (r) => r.value),
];

const RESULT_COLUMNS: readonly BulkColumn<Rows<'results'>>[] = [
  column('plan_id', 'text', (r) => r.plan_id),
  column('code', 'text', (r) => r.code),
  column('period', 'text', (r) => r.period),
  column('valid_from', 'numeric', (r) => r.valid_from),
  column('event_type', 'text', (r) => r.event_type),
  column('kind', 'text', (r) => r.kind),
  column('value', 'text', (r) => r.value ?? null),
  column('numerator', 'text', (r) => r.numerator ?? null),
  column('denominator', 'text', (r) => r.denominator ?? null),
  column('warnings', 'jsonb', (r) => (r.warnings === null || r.warnings === undefined ? null : JSON.stringify(r.warnings))),
];

const JUSTIFICATION_COLUMNS: readonly BulkColumn<Rows<'justifications'>>[] = [
  column('plan_id', 'text', (r) => r.plan_id),
  column('code', 'text', (r) => r.code),
  column('valid_from', 'numeric', (r) => r.valid_from),
  column('period', 'text', (r) => r.period),
  column('justification_number', 'integer', (r) => r.justification_number),
  column('text', 'text', (r) => r.text),
  column('reserved', 'boolean', (r) => (r.reserved ? 'true' : 'false')),
  column('corrective_actions', 'jsonb', (r) => JSON.stringify(r.corrective_actions)),
  column('recorded_at', 'text', (r) => r.recorded_at),
  column('actor_id', 'text', (r) => r.actor_id),
];

/**
 * One statement per table per batch (see @semaforo/sql's bulkInsert). `copy`
 * (ApplyContext.fromEmpty): the tables hold no row of these events, so COPY;
 * otherwise an INSERT whose ON CONFLICT DO NOTHING, on the unique index that
 * holds the event's position, makes an event applied twice insert nothing.
 */
export async function insertFactRows(db: AnyKysely, schema: string, rows: FactRows, copy: boolean): Promise<void> {
  const options = { copy };
  await bulkInsert(db, { schema, table: 'plan_versions' }, PLAN_COLUMNS, rows.plans, options);
  await bulkInsert(db, { schema, table: 'unit_versions' }, UNIT_COLUMNS, rows.units, options);
  await bulkInsert(db, { schema, table: 'indicator_versions' }, INDICATOR_COLUMNS, rows.indicators, options);
  await bulkInsert(db, { schema, table: 'target_versions' }, TARGET_COLUMNS, rows.targets, options);
  await bulkInsert(db, { schema, table: 'result_versions' }, RESULT_COLUMNS, rows.results, options);
  await bulkInsert(db, { schema, table: 'justifications' }, JUSTIFICATION_COLUMNS, rows.justifications, options);
}
