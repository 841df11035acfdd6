import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, LOG_START, openEventStore, type EventStore } from '@semaforo/event-store';
import { liveProjection, ProjectorError, runProjections } from '@semaforo/projector';
import { allProjections, createLogger, type Config } from '@semaforo/runtime';
import { createKysely } from '@semaforo/sql';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { bootstrapAdmin } from '../auth/bootstrap.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test' };

export interface ProjectedApp {
  readonly app: Awaited<ReturnType<typeof buildApp>>;
  readonly store: EventStore;
  /** The institution's first admin token (`bootstrap`). */
  readonly adminToken: string;
  /** Sends as `token` (default: the admin). */
  readonly send: (options: InjectOptions & { url: string }, token?: string) => Promise<LightMyRequestResponse>;
  /** Sends as the admin and throws unless the answer is 2xx: for setting up. */
  readonly must: (options: InjectOptions & { url: string }) => Promise<LightMyRequestResponse>;
  /** Resolves once every projection has applied everything in the log. */
  readonly caughtUp: () => Promise<void>;
  /** Starts the projections (already running unless `deferProjections`); a second call does nothing. */
  readonly startProjections: () => void;
}

/**
 * The real app on PGlite in memory (or the store `open` opens: PostgreSQL) with every projection of the deployment
 * running in process, as the API runs them, and the first admin token of
 * `institutionId`: for routes that read the read models.
 */
export async function projectedApp(
  t: Teardown,
  options: {
    readonly institutionId?: string;
    readonly now?: Date;
    readonly open?: () => ReturnType<typeof openEventStore>;
    /** The app's `readWaitMs` (default 0). */
    readonly readWaitMs?: number;
    /** Leaves the projections stopped until `startProjections()`. */
    readonly deferProjections?: boolean;
  } = {},
): Promise<ProjectedApp> {
  const { institutionId = 'upisss', now = new Date('2021-07-10T12:00:00Z'), open = () => openEventStore({ dataDir: 'memory://' }) } = options;
  const { store, sql } = await open();
  t.teardown(() => store.close());
  const app = await buildApp({
    config,
    store,
    readModels: sql,
    logger: createLogger({ level: 'silent' }),
    clock: () => now,
    readWaitMs: options.readWaitMs ?? 0,
  });
  t.teardown(() => app.close());
  const stop = new AbortController();
  let running: Promise<void> | undefined;
  const startProjections = (): void => {
    running ??= runProjections({ store, sql, projections: allProjections, clock: () => now, signal: stop.signal, retryMs: 20 });
  };
  if (options.deferProjections !== true) startProjections();
  t.teardown(async () => {
    stop.abort();
    await running;
  });
  const db = createKysely(sql);
  const caughtUp = async () => {
    const head = (await store.latestPosition()) ?? LOG_START;
    for (let attempt = 0; attempt < 3000; attempt++) {
      const done = await Promise.all(
        allProjections.map(async (projection) => {
          try {
            return compareLogPositions((await liveProjection(db, projection.name)).checkpoint, head) >= 0;
          } catch (error) {
            if (error instanceof ProjectorError && error.code === 'PROJECTION_NOT_LIVE') return false;
            throw error;
          }
        }),
      );
      if (done.every(Boolean)) return;
      await sleep(10);
    }
    throw new Error('the projections did not catch up');
  };
  const { token: adminToken } = await bootstrapAdmin(store, { institutionId });
  const send = (options: InjectOptions & { url: string }, token = adminToken) =>
    app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
  const must = async (options: InjectOptions & { url: string }) => {
    const response = await send(options);
    if (response.statusCode >= 300) throw new Error(`${options.method ?? 'GET'} ${options.url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  return { app, store, adminToken, send, must, caughtUp, startProjections };
}
