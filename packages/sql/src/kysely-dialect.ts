import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { COPY_ROWS, isCopyRowsQuery } from './copy-rows.js';
import type { SqlClient, SqlConnection, SqlParameter } from './sql-client.js';

const MUTATIONS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

class SqlClientConnection implements DatabaseConnection {
  constructor(readonly conn: SqlConnection) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (isCopyRowsQuery(compiledQuery)) {
      const { target, text } = compiledQuery[COPY_ROWS];
      return { rows: [], numAffectedRows: BigInt(await this.conn.copyFrom(target, text)) };
    }
    const result = await this.conn.query<R>(compiledQuery.sql, compiledQuery.parameters as readonly SqlParameter[]);
    return MUTATIONS.has(result.command) ? { rows: result.rows, numAffectedRows: BigInt(result.rowCount) } : { rows: result.rows };
  }

  // A generator with nothing to yield: the refusal comes when the stream is first read, as a stream's error would.
  // eslint-disable-next-line require-yield -- see above
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported by the SqlClient dialect; page with limit/offset or keyset instead');
  }
}

class SqlClientDriver implements Driver {
  constructor(private readonly client: SqlClient) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SqlClientConnection(await this.client.connect());
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel !== undefined || settings.accessMode !== undefined) {
      sql = 'start transaction';
      if (settings.isolationLevel !== undefined) sql += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode !== undefined) sql += ` ${settings.accessMode}`;
    }
    await connection.executeQuery(CompiledQuery.raw(sql));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as SqlClientConnection).conn.release();
  }

  // The SqlClient belongs to whoever created it; `db.destroy()` leaves it open.
  async destroy(): Promise<void> {}
}

/** A kysely dialect that runs everything through a SqlClient (PostgreSQL or PGlite). */
export class SqlClientDialect implements Dialect {
  constructor(private readonly client: SqlClient) {}

  createDriver(): Driver {
    return new SqlClientDriver(this.client);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: AnyKysely): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

/**
 * A kysely handle with no schema type: the projection runner, the registry and the frozen migrations work in a schema
 * chosen at run time (one per projection version), so no compile-time database type describes the tables they reach.
 * Code that knows its tables narrows with `db.withSchema(schema) as Kysely<ItsDatabase>`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one schema-free handle: see above
export type AnyKysely = Kysely<any>;

/**
 * A kysely instance over a SqlClient. Values follow the SqlClient conventions
 * (int8 and numeric as strings). `destroy()` does not close the client.
 */
export function createKysely<DB>(client: SqlClient): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqlClientDialect(client) });
}
