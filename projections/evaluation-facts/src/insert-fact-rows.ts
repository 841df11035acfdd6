import { bulkInsert, type BulkColumn } from '@semaforo/sql';
import type { Kysely } from 'kysely';
import type { FactRows } from './fact-rows.js';

type Column<Row> = BulkColumn<Row>;

/*
 * One statement per table per batch (see @semaforo/sql's bulkInsert):
 * COPY when the worker loads from empty, else an INSERT whose ON CONFLICT
 * DO NOTHING, on the unique index that holds the event's position, makes
 * an event applied twice insert nothing the second time.
 */
function insertRows<Row>(db: Kysely<any>, schema: string, table: string, columns: readonly Column<Row>[], rows: readonly Row[], copy: boolean) {
  return bulkInsert(db, { schema, table }, columns, rows, { copy });
}

const text = <Row>(name: string, value: (row: Row) => string | null): Column<Row> => ({ name, type: 'text', value });
const numeric = <Row>(name: string, value: (row: Row) => string): Column<Row> => ({ name, type: 'numeric', value });
const integer = <Row>(name: string, value: (row: Row) => number): Column<Row> => ({ name, type: 'integer', value });
const json = <Row>(name: string, value: (row: Row) => unknown): Column<Row> => ({
  name,
  type: 'jsonb',
  value: (row) => JSON.stringify(value(row)),
});

type Rows<K extends keyof FactRows> = FactRows[K][number];

/** `copy`: the tables hold no row of these events (ApplyContext.fromEmpty). */
export async function insertFactRows(db: Kysely<any>, schema: string, rows: FactRows, copy: boolean): Promise<void> {
  await insertRows<Rows<'plans'>>(
    db,
    schema,
    'plan_versions',
    [
      text('plan_id', (r) => r.plan_id),
      numeric('valid_from', (r) => r.valid_from),
      text('event_type', (r) => r.event_type),
      numeric('opened_from', (r) => r.opened_from),
      json('state', (r) => r.state),
    ],
    rows.plans,
    copy,
  );
  await insertRows<Rows<'units'>>(
    db,
    schema,
    'unit_versions',
    [
      text('plan_id', (r) => r.plan_id),
      text('code', (r) => r.code),
      numeric('valid_from', (r) => r.valid_from),
      text('name', (r) => r.name),
      text('parent_code', (r) => r.parent_code ?? null),
      text('area_class', (r) => r.area_class),
    ],
    rows.units,
    copy,
  );
  await insertRows<Rows<'indicators'>>(
    db,
    schema,
    'indicator_versions',
    [
      text('plan_id', (r) => r.plan_id),
      text('code', (r) => r.code),
      numeric('valid_from', (r) => r.valid_from),
      text('event_type', (r) => r.event_type),
      numeric('registered_from', (r) => r.registered_from),
      text('status', (r) => r.status),
      json('definition', (r) => r.definition),
    ],
    rows.indicators,
    copy,
  );
  await insertRows<Rows<'targets'>>(
    db,
    schema,
    'target_versions',
    [
      text('plan_id', (r) => r.plan_id),
      text('code', (r) => r.code),
      text('period', (r) => r.period),
      numeric('valid_from', (r) => r.valid_from),
      text('event_type', (r) => r.event_type),
      text('value', (r) => r.value),
    ],
    rows.targets,
    copy,
  );
  await insertRows<Rows<'results'>>(
    db,
    schema,
    'result_versions',
    [
      text('plan_id', (r) => r.plan_id),
      text('code', (r) => r.code),
      text('period', (r) => r.period),
      numeric('valid_from', (r) => r.valid_from),
      text('event_type', (r) => r.event_type),
      text('kind', (r) => r.kind),
      text('value', (r) => r.value ?? null),
      text('numerator', (r) => r.numerator ?? null),
      text('denominator', (r) => r.denominator ?? null),
    ],
    rows.results,
    copy,
  );
  await insertRows<Rows<'justifications'>>(
    db,
    schema,
    'justifications',
    [
      text('plan_id', (r) => r.plan_id),
      text('code', (r) => r.code),
      numeric('valid_from', (r) => r.valid_from),
      text('period', (r) => r.period),
      integer('justification_number', (r) => r.justification_number),
      text('text', (r) => r.text),
      json('corrective_actions', (r) => r.corrective_actions),
      text('recorded_at', (r) => r.recorded_at),
      text('actor_id', (r) => r.actor_id),
    ],
    rows.justifications,
    copy,
  );
}
