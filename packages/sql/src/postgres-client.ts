import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { copyStatement, type CopyTarget } from './copy-rows.js';
import { runTransaction } from './run-transaction.js';
import type { SqlClient, SqlConnection, SqlParameter, SqlQueryOptions, SqlQueryResult } from './sql-client.js';
import { SqlUnavailableError, toSqlError } from './sql-errors.js';

export interface PostgresClientOptions {
  readonly connectionString: string;
  /** Pool size (default 10). */
  readonly max?: number;
  /** Shown in pg_stat_activity. */
  readonly applicationName?: string;
  /**
   * How long to wait for a new connection (default 10 s) before failing with
   * SqlUnavailableError: a host that drops packets would otherwise hang callers.
   */
  readonly connectTimeoutMs?: number;
}

const INT8 = 20;
const NUMERIC = 1700;
const asText = (value: string): string => value;

// Our own parser table, so that a `pg.types.setTypeParser` call elsewhere in
// the process cannot change what this client returns (see sql-client.ts).
const types = {
  // pg types its parsers `any`: each takes the raw value (text, or a Buffer for binary) and returns the parsed one.
  getTypeParser(oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) | ((value: Buffer) => unknown) {
    if (oid === INT8 || oid === NUMERIC) return asText;
    return format === 'binary'
      ? (pg.types.getTypeParser(oid, 'binary') as (value: Buffer) => unknown)
      : (pg.types.getTypeParser(oid, 'text') as (value: string) => unknown);
  },
};

type PgQueryable = Pick<pg.PoolClient, 'query'>;

async function runQuery<Row>(
  target: PgQueryable,
  text: string,
  params: readonly SqlParameter[] | undefined,
  options: SqlQueryOptions | undefined,
): Promise<SqlQueryResult<Row>> {
  const values = params === undefined ? [] : [...params];
  const config: pg.QueryConfig = options?.name === undefined ? { text, values } : { name: options.name, text, values };
  try {
    const result = await target.query(config);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0, command: result.command };
  } catch (error) {
    throw toSqlError(error);
  }
}

/** COPY … FROM STDIN on a checked-out client: pg's streaming sub-protocol, through pg-copy-streams. */
async function runCopy(client: pg.PoolClient, target: CopyTarget, text: string): Promise<number> {
  try {
    const stream = client.query(copyFromStdin(copyStatement(target, 'STDIN')));
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(text, 'utf8');
    });
    return stream.rowCount ?? 0;
  } catch (error) {
    throw toSqlError(error);
  }
}

/** A client on a `pg.Pool`. Connections open lazily: creating the client never fails. */
export function createPostgresClient(options: PostgresClientOptions): SqlClient {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types,
    ...(options.applicationName === undefined ? {} : { application_name: options.applicationName }),
  });
  // An idle pooled connection that dies (server restart) emits 'error'; without
  // a listener that would crash the process. The pool drops it; the next query
  // opens a new one or reports SqlUnavailableError.
  pool.on('error', () => undefined);
  let closed = false;

  async function connect(): Promise<SqlConnection> {
    if (closed) throw new SqlUnavailableError('SQL client is closed');
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw toSqlError(error);
    }
    let broken: unknown;
    let released = false;
    // While a connection is checked out, pg-pool stops listening for its
    // 'error' events; a session the server ends while we hold it idle (a
    // restart, a failover) then emits one with no listener, which crashes
    // the process. Hear it: the next query fails on its own, and release()
    // hands the connection back as broken, so the pool destroys it.
    const onError = (error: Error): void => {
      broken = toSqlError(error);
    };
    client.on('error', onError);
    return {
      async query<Row>(text: string, params?: readonly SqlParameter[], queryOptions?: SqlQueryOptions) {
        if (released) throw new Error('connection already released');
        try {
          return await runQuery<Row>(client, text, params, queryOptions);
        } catch (error) {
          if (error instanceof SqlUnavailableError) broken = error;
          throw error;
        }
      },
      async copyFrom(target: CopyTarget, text: string) {
        if (released) throw new Error('connection already released');
        try {
          return await runCopy(client, target, text);
        } catch (error) {
          if (error instanceof SqlUnavailableError) broken = error;
          throw error;
        }
      },
      release() {
        if (released) return;
        released = true;
        client.removeListener('error', onError);
        // Passing an error makes the pool destroy the connection instead of reusing it.
        client.release(broken === undefined ? undefined : (broken as Error));
      },
    };
  }

  return {
    kind: 'postgres',
    query<Row>(text: string, params?: readonly SqlParameter[], queryOptions?: SqlQueryOptions) {
      if (closed) return Promise.reject(new SqlUnavailableError('SQL client is closed'));
      return runQuery<Row>(pool, text, params, queryOptions);
    },
    connect,
    transaction: (fn) => runTransaction(connect, fn),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
