import type { SqlConnection } from './sql-client.js';

/** BEGIN, `fn`, COMMIT on one dedicated connection; ROLLBACK and rethrow on failure. */
export async function runTransaction<T>(connect: () => Promise<SqlConnection>, fn: (conn: SqlConnection) => Promise<T>): Promise<T> {
  const conn = await connect();
  try {
    await conn.query('BEGIN');
    let result: T;
    try {
      result = await fn(conn);
    } catch (error) {
      // A failed ROLLBACK (the connection died) must not hide why we rolled back;
      // the connection then reports itself broken and is discarded on release.
      await conn.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await conn.query('COMMIT');
    return result;
  } finally {
    conn.release();
  }
}
