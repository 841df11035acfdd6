/**
 * The one narrow way the rest of the code base talks to a database, so that
 * driver types (pg, PGlite) never leave this package.
 *
 * Value conventions, identical on both drivers:
 * - `bigint`/`int8` and `numeric` arrive as decimal strings (never a lossy JS
 *   number); other types without an exact JS counterpart (`xid8`, ...) too.
 *   The safest habit, and the one the event store follows, is to cast such
 *   columns in SQL (`col::text`) and parse them in JS (`BigInt(row.col)`).
 * - `json`/`jsonb` arrive parsed; send them as JSON text (`$1::jsonb`).
 * - `int2`/`int4`, `float4`/`float8` and `boolean` arrive as JS numbers and
 *   booleans; `timestamptz` as a `Date`.
 * - Parameters: strings, numbers, booleans, null, and arrays of those (for
 *   `unnest($1::text[])`). Cast every parameter in SQL when its type matters.
 */
import type { CopyTarget } from './copy-rows.js';

export type SqlParameter = string | number | boolean | null | readonly (string | number | boolean | null)[];

export interface SqlQueryResult<Row> {
  readonly rows: Row[];
  /** Rows returned (SELECT) or affected (INSERT, UPDATE, DELETE). */
  readonly rowCount: number;
  /** The command tag's verb: 'SELECT', 'INSERT', ... */
  readonly command: string;
}

export interface SqlQueryOptions {
  /**
   * A name for the statement, unique per SQL text: PostgreSQL then parses and
   * plans it once per connection instead of once per call. Ignored by PGlite.
   */
  readonly name?: string;
}

/** Anything that runs one statement: the client itself or a held connection. */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly SqlParameter[], options?: SqlQueryOptions): Promise<SqlQueryResult<Row>>;
}

/**
 * A connection held exclusively until `release()`: for transactions and
 * session state such as advisory locks. Release it exactly once, with no
 * transaction left open.
 */
export interface SqlConnection extends SqlQueryable {
  /**
   * `COPY target FROM` rows already in COPY's text format (see copy-rows.ts:
   * callers use `copyRows`). Resolves with the rows written.
   */
  copyFrom(target: CopyTarget, text: string): Promise<number>;
  release(): void;
}

export interface SqlClient extends SqlQueryable {
  readonly kind: 'postgres' | 'pglite';
  connect(): Promise<SqlConnection>;
  /**
   * Runs `fn` between BEGIN and COMMIT on a dedicated connection; ROLLBACK
   * when it throws (the error is rethrown). Use `conn`, not the client, inside
   * `fn`: on PGlite the client waits for the connection to be released.
   */
  transaction<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T>;
  /** Idempotent. Queries after `close()` throw `SqlUnavailableError`. */
  close(): Promise<void>;
}
