import { SqlUnavailableError, type SqlClient, type SqlConnection } from '@semaforo/sql';
import type { ProjectorLogger } from './logger.js';
import type { ProjectionIdentity } from './registry.js';

/** Held while a runner applies a projection version; `lost` turns true if the lock went away under us. */
export interface ProjectionLock {
  readonly lost: boolean;
  release(): Promise<void>;
}

export interface ProjectionLocks {
  /** Tries once: the lock, or null when another runner holds it. */
  tryAcquire(p: ProjectionIdentity): Promise<ProjectionLock | null>;
  /** Releases every lock and the connection holding them. */
  close(): Promise<void>;
}

const lockName = (p: ProjectionIdentity): string => `semaforo-projector:${p.name}:${p.version}`;

/**
 * One active runner per projection version. On PostgreSQL a session-level
 * advisory lock, on ONE dedicated connection that holds the locks of every
 * projection this runner applies (one connection, not one per projection:
 * the pool serves requests too). When that connection dies, PostgreSQL drops
 * its locks: a heartbeat notices, marks our locks lost, and the runners stop
 * and queue for the lock again (and a runner that had not noticed yet is
 * still stopped by the checkpoint check in its batch transaction).
 *
 * On PGlite there is no advisory lock to take: PGlite is one process with one
 * connection, so no other process can open the data directory at the same
 * time, and holding its only connection for a lock would block every other
 * query. Inside the process, a set of held names keeps a second runner of the
 * same version waiting, as the advisory lock would.
 */
export function createProjectionLocks(sql: SqlClient, options: { readonly logger: ProjectorLogger; readonly heartbeatMs?: number }): ProjectionLocks {
  return sql.kind === 'postgres' ? advisoryLocks(sql, options.logger, options.heartbeatMs ?? 5_000) : inProcessLocks(sql);
}

const heldInProcess = new WeakMap<SqlClient, Set<string>>();

function inProcessLocks(sql: SqlClient): ProjectionLocks {
  let held = heldInProcess.get(sql);
  if (held === undefined) heldInProcess.set(sql, (held = new Set()));
  const mine = new Set<string>();
  const names = held;
  return {
    async tryAcquire(p) {
      const name = lockName(p);
      if (names.has(name)) return null;
      names.add(name);
      mine.add(name);
      return {
        lost: false,
        async release() {
          names.delete(name);
          mine.delete(name);
        },
      };
    },
    async close() {
      for (const name of mine) names.delete(name);
      mine.clear();
    },
  };
}

class AdvisoryLock implements ProjectionLock {
  lost = false;
  constructor(
    readonly name: string,
    private readonly releaseFn: (lock: AdvisoryLock) => Promise<void>,
  ) {}
  release(): Promise<void> {
    return this.releaseFn(this);
  }
}

function advisoryLocks(sql: SqlClient, logger: ProjectorLogger, heartbeatMs: number): ProjectionLocks {
  let conn: SqlConnection | undefined;
  const held = new Set<AdvisoryLock>();
  let heartbeat: NodeJS.Timeout | undefined;
  // One statement at a time on the lock connection.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = queue.then(fn, fn);
    queue = result.catch(() => undefined);
    return result;
  };

  function drop(reason: unknown): void {
    if (held.size > 0) logger.error({ err: reason, locks: [...held].map((lock) => lock.name) }, 'lost the projector lock connection: its locks are gone');
    for (const lock of held) lock.lost = true;
    held.clear();
    stopHeartbeat();
    conn?.release();
    conn = undefined;
  }

  function stopHeartbeat(): void {
    if (heartbeat !== undefined) clearInterval(heartbeat);
    heartbeat = undefined;
  }

  function startHeartbeat(): void {
    if (heartbeat !== undefined) return;
    heartbeat = setInterval(() => {
      void serial(async () => {
        if (conn === undefined) return;
        try {
          await conn.query('SELECT 1');
        } catch (error) {
          drop(error);
        }
      });
    }, heartbeatMs);
    heartbeat.unref();
  }

  async function query<Row>(text: string, params: readonly string[]): Promise<Row[]> {
    conn ??= await sql.connect();
    try {
      return (await conn.query<Row>(text, params)).rows;
    } catch (error) {
      // A connection that failed may have lost its locks: never trust it again.
      if (error instanceof SqlUnavailableError || held.size === 0) drop(error);
      throw error;
    }
  }

  async function releaseLock(lock: AdvisoryLock): Promise<void> {
    await serial(async () => {
      if (!held.has(lock)) return;
      held.delete(lock);
      try {
        await query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lock.name]);
      } catch {
        // drop() has released the connection, and with it the lock.
      }
      if (held.size === 0 && conn !== undefined) {
        stopHeartbeat();
        conn.release();
        conn = undefined;
      }
    });
  }

  return {
    tryAcquire(p) {
      return serial(async () => {
        const name = lockName(p);
        const [row] = await query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [name]);
        if (row?.locked !== true) {
          if (held.size === 0) {
            conn?.release();
            conn = undefined;
          }
          return null;
        }
        const lock = new AdvisoryLock(name, releaseLock);
        held.add(lock);
        startHeartbeat();
        return lock;
      });
    },
    close() {
      return serial(async () => {
        stopHeartbeat();
        if (conn === undefined) return;
        try {
          await conn.query('SELECT pg_advisory_unlock_all()');
        } catch {
          // The connection is gone, and its locks with it.
        }
        held.clear();
        conn.release();
        conn = undefined;
      });
    },
  };
}
