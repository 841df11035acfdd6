import { mkdir } from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { copyStatement, type CopyTarget } from './copy-rows.js';
import { lockDataDir } from './data-dir-lock.js';
import { Mutex } from './mutex.js';
import { runTransaction } from './run-transaction.js';
import type { SqlClient, SqlConnection, SqlParameter, SqlQueryResult } from './sql-client.js';
import { SqlUnavailableError, toSqlError } from './sql-errors.js';

export interface PgliteClientOptions {
  /** A directory (created if missing), or 'memory://' for a throw-away database. */
  readonly dataDir: string;
}

const asText = (value: string): string => value;

// PGlite parses int8 into a JS number, which loses precision past 2^53; pg
// returns a string. Match pg (see the conventions in sql-client.ts).
const parsers = { [pgliteTypes.INT8]: asText, [pgliteTypes.NUMERIC]: asText };

// A new in-memory PGlite runs initdb (1.5–2 s on a shared 2-core machine); one loaded from the data directory
// of a freshly initialised one starts in about a third of that. The first in-memory database of the process is
// made the usual way and its untouched data directory (~40 MB, uncompressed: gzip makes each load slower) is
// kept, once per process, for every later one. Callers see no difference: same initdb, same options.
let memoryTemplate: Promise<Blob | undefined> | undefined;

async function openInMemory(dataDir: string): Promise<PGlite> {
  if (memoryTemplate === undefined) {
    let settle!: (template: Blob | undefined) => void;
    memoryTemplate = new Promise((resolve) => (settle = resolve));
    let db: PGlite | undefined;
    try {
      db = await PGlite.create(dataDir, { parsers });
      const template = await db.dumpDataDir('none');
      settle(template);
      return db;
    } catch (error) {
      // The next in-memory database tries again from scratch.
      memoryTemplate = undefined;
      settle(undefined);
      await db?.close().catch(() => undefined);
      throw error;
    }
  }
  const template = await memoryTemplate;
  if (template === undefined) return openInMemory(dataDir);
  return PGlite.create(dataDir, { parsers, loadDataDir: template });
}

/**
 * A client on an embedded PGlite, which only this process may open (see
 * `lockDataDir`). PGlite is ONE session, so a held connection
 * (from `connect()` or `transaction()`) is exclusive: every other query and
 * holder waits in a FIFO queue until it is released. Never call the client
 * from inside a held connection: that waits for itself.
 */
export async function createPgliteClient(options: PgliteClientOptions): Promise<SqlClient> {
  let unlockDataDir = async (): Promise<void> => undefined;
  if (!options.dataDir.includes('://')) {
    await mkdir(options.dataDir, { recursive: true });
    unlockDataDir = await lockDataDir(options.dataDir);
  }
  let db: PGlite;
  try {
    db = options.dataDir.startsWith('memory://') ? await openInMemory(options.dataDir) : await PGlite.create(options.dataDir, { parsers });
  } catch (error) {
    await unlockDataDir();
    throw new SqlUnavailableError(`cannot open PGlite in ${options.dataDir}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const mutex = new Mutex();
  let closed = false;

  async function run<Row>(text: string, params: readonly SqlParameter[] | undefined): Promise<SqlQueryResult<Row>> {
    if (closed) throw new SqlUnavailableError('SQL client is closed');
    try {
      const result = await db.query<Row>(text, params === undefined ? [] : [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length, command: result.command ?? '' };
    } catch (error) {
      throw toSqlError(error);
    }
  }

  // PGlite has no STDIN: COPY reads a Blob handed over as the device /dev/blob.
  async function copy(target: CopyTarget, text: string): Promise<number> {
    if (closed) throw new SqlUnavailableError('SQL client is closed');
    try {
      const result = await db.query(copyStatement(target, "'/dev/blob'"), [], { blob: new Blob([text]) });
      return result.affectedRows ?? 0;
    } catch (error) {
      throw toSqlError(error);
    }
  }

  async function connect(): Promise<SqlConnection> {
    const unlock = await mutex.acquire();
    if (closed) {
      unlock();
      throw new SqlUnavailableError('SQL client is closed');
    }
    let released = false;
    return {
      query<Row>(text: string, params?: readonly SqlParameter[]) {
        if (released) return Promise.reject(new Error('connection already released'));
        return run<Row>(text, params);
      },
      copyFrom(target: CopyTarget, text: string) {
        if (released) return Promise.reject(new Error('connection already released'));
        return copy(target, text);
      },
      release() {
        released = true;
        unlock();
      },
    };
  }

  return {
    kind: 'pglite',
    async query<Row>(text: string, params?: readonly SqlParameter[]) {
      const unlock = await mutex.acquire();
      try {
        return await run<Row>(text, params);
      } finally {
        unlock();
      }
    },
    connect,
    transaction: (fn) => runTransaction(connect, fn),
    async close() {
      if (closed) return;
      // Wait for the current holder, so that its last statement is not cut short.
      const unlock = await mutex.acquire();
      try {
        if (closed) return;
        closed = true;
        await db.close();
        await unlockDataDir();
      } finally {
        unlock();
      }
    },
  };
}
