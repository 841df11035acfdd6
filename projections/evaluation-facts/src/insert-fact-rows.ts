import { packedColumn, type SqlArrayType } from '@semaforo/sql';
import { sql, type Kysely } from 'kysely';
import type { FactRows } from './fact-rows.js';

type Cell = string | number | null;

interface Column<Row> {
  readonly name: string;
  /** The element type the column travels as (an array of it). */
  readonly type: SqlArrayType;
  readonly value: (row: Row) => Cell;
}

/**
 * One INSERT per table per batch, whatever the batch's size: each column
 * travels as one parameter (packed text, see @semaforo/sql's packedColumn:
 * pg's array literals cost more to build and to parse than the rows'
 * insertion) and `unnest` turns them back into rows (no 65,535-parameter
 * ceiling, one statement to plan). `ON CONFLICT DO NOTHING`
 * on the unique index that holds the event's position: an event applied
 * twice inserts nothing the second time.
 */
async function insertRows<Row>(db: Kysely<any>, schema: string, table: string, columns: readonly Column<Row>[], rows: readonly Row[]) {
  if (rows.length === 0) return;
  const names = sql.join(columns.map((column) => sql.id(column.name)));
  const arrays = sql.join(columns.map((column) => packedColumn(rows.map(column.value), column.type)));
  await sql`INSERT INTO ${sql.table(`${schema}.${table}`)} (${names})
    SELECT * FROM unnest(${arrays})
    ON CONFLICT DO NOTHING`.execute(db);
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

export async function insertFactRows(db: Kysely<any>, schema: string, rows: FactRows): Promise<void> {
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
  );
}
