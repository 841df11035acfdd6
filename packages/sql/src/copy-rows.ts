import { CompiledQuery } from 'kysely';
import type { AnyKysely } from './kysely-dialect.js';

/*
 * Bulk loading with COPY … FROM, for a table nobody else writes while it
 * loads (a projection rebuilt from zero). Measured on 50,000 audit-trail
 * rows (25 columns, three B-trees): the server spends ~0.7 s to COPY them,
 * as much as an INSERT … SELECT of rows it already holds, against ~1.7 s for
 * the same rows through `unnest` of packed columns: splitting and casting
 * two dozen arrays costs more than the insertion itself. COPY has no ON
 * CONFLICT: a caller uses it only where no row can be there already.
 */

/** A cell as COPY's text format takes it: the column's input function reads the text (numeric, uuid, timestamptz, json…). */
export type CopyValue = string | number | null;

/** Where the rows go: a table, optionally in a schema, and its columns in the order of each row's cells. */
export interface CopyTarget {
  readonly schema?: string;
  readonly table: string;
  readonly columns: readonly string[];
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** `COPY "schema"."table" ("a", "b") FROM <source>`: the one statement both clients send. */
export function copyStatement(target: CopyTarget, source: 'STDIN' | "'/dev/blob'"): string {
  if (target.columns.length === 0) throw new TypeError(`COPY into ${target.table} needs at least one column`);
  const table = target.schema === undefined ? quoteIdentifier(target.table) : `${quoteIdentifier(target.schema)}.${quoteIdentifier(target.table)}`;
  return `COPY ${table} (${target.columns.map(quoteIdentifier).join(', ')}) FROM ${source}`;
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Rows in COPY's text format, a cell per function of `cells`: cells
 * separated by tabs, one row per line, `\N` for null, and backslash, tab,
 * newline and carriage return escaped (every other character, U+001E
 * included, travels as it is). Written straight from the rows: no array of
 * cells per row (a rebuild writes millions of them).
 */
export function copyText<Row>(rows: readonly Row[], cells: readonly ((row: Row) => CopyValue)[]): string {
  const width = cells.length;
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < width; i += 1) {
      const cell = cells[i]!(row);
      let written: string;
      if (cell === null || cell === undefined) written = '\\N';
      else {
        const value = typeof cell === 'string' ? cell : String(cell);
        written = SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
      }
      text += i === 0 ? written : `\t${written}`;
    }
    text += '\n';
  }
  return text;
}

/** How a COPY travels through kysely to the SqlClient dialect's connection (see kysely-dialect.ts). */
export const COPY_ROWS = Symbol('semaforo.copyRows');

export interface CopyRowsQuery extends CompiledQuery {
  readonly [COPY_ROWS]: { readonly target: CopyTarget; readonly text: string };
}

export const isCopyRowsQuery = (query: CompiledQuery): query is CopyRowsQuery => COPY_ROWS in query;

/**
 * Loads `rows` into `target` with COPY on `db`'s connection: inside a
 * transaction (`trx`), part of it. Only through a kysely instance of
 * `createKysely` (another dialect would send `COPY … FROM STDIN` as a plain
 * statement, which fails). No ON CONFLICT: a row that breaks a constraint
 * fails the whole COPY. Returns the rows written.
 */
export function copyRows(db: AnyKysely, target: CopyTarget, rows: readonly (readonly CopyValue[])[]): Promise<number> {
  const width = target.columns.length;
  for (const row of rows) if (row.length !== width) return Promise.reject(new TypeError(`a COPY row has ${row.length} cells, not ${width}`));
  return copyRowsOf(
    db,
    target,
    rows,
    target.columns.map((_, i) => (row: readonly CopyValue[]) => row[i] ?? null),
  );
}

/** As `copyRows`, a row's cells given by one function per column (in `target.columns` order). */
export async function copyRowsOf<Row>(db: AnyKysely, target: CopyTarget, rows: readonly Row[], cells: readonly ((row: Row) => CopyValue)[]): Promise<number> {
  if (rows.length === 0) return 0;
  if (cells.length !== target.columns.length) throw new TypeError(`COPY into ${target.table}: ${cells.length} cells for ${target.columns.length} columns`);
  const query: CopyRowsQuery = {
    ...CompiledQuery.raw(copyStatement(target, 'STDIN')),
    [COPY_ROWS]: { target, text: copyText(rows, cells) },
  };
  const result = await db.executeQuery(query);
  return Number(result.numAffectedRows ?? 0n);
}
