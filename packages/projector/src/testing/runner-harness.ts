import { setTimeout as sleep } from 'node:timers/promises';
import type { Test } from 'tap';
import {
  compareLogPositions,
  migrateEventStore,
  openEventStore,
  createSqlEventStore,
  formatLogPosition,
  LOG_START,
  type EventStore,
  type LogPosition,
} from '@semaforo/event-store';
import { createKysely, createPgliteClient, type SqlClient, type AnyKysely } from '@semaforo/sql';
import { createTestDatabase } from '@semaforo/sql/testing';
import type { ProjectorLogger } from '../logger.js';
import type { ProjectionProgress } from '../projection-worker.js';
import type { Projection } from '../projection.js';
import { readRegistration } from '../registry.js';
import { runProjections, type RunProjectionsOptions } from '../run-projections.js';

/*
 * What the runner's tests share: a fresh database (PGlite or PostgreSQL) per
 * test, runners that are stopped before the database closes, a logger that
 * keeps what it is told, and a clock that ticks one second per reading.
 */

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

export function capturingLogger(): { logger: ProjectorLogger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (fields: Record<string, unknown>, message: string): void => {
      entries.push({ level, fields, message });
    };
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, entries };
}

/** 2024-01-01T00:00:00Z, then one second later at every reading. */
export function tickingClock(start = Date.UTC(2024, 0, 1)): () => Date {
  let readings = 0;
  return () => new Date(start + 1_000 * readings++);
}

export interface RunningProjector {
  readonly logs: LogEntry[];
  readonly progress: ProjectionProgress[];
  /** Resolves when runProjections returns (every runner stopped, by the signal or by itself). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export interface Client {
  readonly store: EventStore;
  readonly sql: SqlClient;
}

export interface TestDatabase extends Client {
  readonly kind: 'pglite' | 'postgres';
  /** The position of the last event appended through `store`: what "caught up" waits for. */
  lastAppended(): LogPosition;
  readonly db: AnyKysely;
  /** Another client on the same database, as another process would have on PostgreSQL; on PGlite (one process, one connection) the same one. */
  secondClient(): Promise<Client>;
  start(
    projections: readonly Projection[],
    options?: Partial<Pick<RunProjectionsOptions, 'batchSize' | 'clock' | 'retryMs' | 'maxRetryMs'>> & { readonly client?: Client },
  ): RunningProjector;
}

export type OpenTestDatabase = (t: Test) => Promise<TestDatabase>;

function withRunners(t: Test, kind: TestDatabase['kind'], opened: Client, secondClient: () => Promise<Client>, close: () => Promise<void>): TestDatabase {
  const running: RunningProjector[] = [];
  // Remember the last position we appended. The head of the log is not the
  // right target: on a shared PostgreSQL cluster it can lag behind our own
  // commits while another session's transaction is open (see readAll).
  let lastAppended: LogPosition = LOG_START;
  const client: Client = {
    sql: opened.sql,
    store: {
      ...opened.store,
      async appendToStream(streamName, events, options) {
        const result = await opened.store.appendToStream(streamName, events, options);
        if (compareLogPositions(result.position, lastAppended) > 0) lastAppended = result.position;
        return result;
      },
    },
  };
  const db: AnyKysely = createKysely(client.sql);
  t.teardown(async () => {
    for (const runner of running) await runner.stop();
    await db.destroy();
    await close();
  });
  return {
    kind,
    ...client,
    lastAppended: () => lastAppended,
    db,
    secondClient,
    start(projections, options = {}) {
      const controller = new AbortController();
      const { logger, entries } = capturingLogger();
      const progress: ProjectionProgress[] = [];
      const target = options.client ?? client;
      const done = runProjections({
        store: target.store,
        sql: target.sql,
        projections,
        clock: options.clock ?? tickingClock(),
        signal: controller.signal,
        batchSize: options.batchSize ?? 100,
        logger,
        onProgress: (p) => progress.push(p),
        lockRetryMs: 20,
        retryMs: options.retryMs ?? 20,
        maxRetryMs: options.maxRetryMs ?? 200,
        lockHeartbeatMs: 200,
      });
      const runner: RunningProjector = {
        logs: entries,
        progress,
        done,
        async stop() {
          controller.abort();
          await done;
        },
      };
      running.push(runner);
      return runner;
    },
  };
}

export const openPglite: OpenTestDatabase = async (t) => {
  const sql = await createPgliteClient({ dataDir: 'memory://' });
  await migrateEventStore(sql);
  const store = createSqlEventStore(sql, { ownsClient: true });
  return withRunners(
    t,
    'pglite',
    { store, sql },
    async () => ({ store, sql }),
    () => store.close(),
  );
};

export const openPostgres: OpenTestDatabase = async (t) => {
  const database = await createTestDatabase();
  const first = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
  const others: Client[] = [];
  return withRunners(
    t,
    'postgres',
    first,
    async () => {
      const other = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
      others.push(other);
      return other;
    },
    async () => {
      for (const other of others) await other.store.close();
      await first.store.close();
      await database.drop();
    },
  );
};

/**
 * Polls until `check` holds. A guard against a hang, not a timing
 * assertion: it only fails after a minute, with what it waited for.
 */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const giveUpAt = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
    await sleep(10);
  }
}

/** Until the version has applied every event appended so far through the test database's store. */
export async function waitUntilCaughtUp(database: TestDatabase, p: { name: string; version: number }): Promise<void> {
  const target = database.lastAppended();
  await waitFor(`${p.name} v${p.version} to reach ${formatLogPosition(target)}`, async () => {
    const registration = await readRegistration(database.db, p).catch(() => undefined);
    return registration !== undefined && compareLogPositions(registration.checkpoint, target) >= 0;
  });
}
