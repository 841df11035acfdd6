import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, LOG_START, openEventStore, type EventStore } from '@semaforo/event-store';
import { liveProjection, ProjectorError, runProjections } from '@semaforo/projector';
import { allProjections, createLogger, type Config } from '@semaforo/runtime';
import { createKysely, type AnyKysely } from '@semaforo/sql';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../app.js';
import { givenPlanOf, indicatorOf } from './access-harness.js';
import { tokenFor, type TestToken } from './auth.js';

/** The session key of the harness's app: a test seals a session of its own (an expired one) with it. */
export const WEB_TEST_SESSION_SECRET = 'web-harness-session-secret-0123456789';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface WebHarness {
  readonly app: App;
  readonly store: EventStore;
  readonly planId: string;
  readonly tokens: { readonly admin: TestToken; readonly reporter: TestToken; readonly auditor: TestToken; readonly otherReporter: TestToken };
  /** Resolves once every projection has applied everything in the log. */
  readonly caughtUp: () => Promise<void>;
  /** A request as the admin's bearer token (to prepare what a page will show). */
  readonly asAdmin: (request: InjectOptions & { url: string }) => Promise<LightMyRequestResponse>;
}

/**
 * The real app on PGlite with every projection run in-process by the real
 * runner, on the real clock (sessions, watermarks and `asOf` instants are
 * real time). The plan `upisss-2021` of the access tests: units DIV > DNGF >
 * CONT and DSP; monthly indicators IN-CONT (CONT) and OUT-DSP (DSP), and
 * IN-DNGF (DNGF) with targets 100 for January to March.
 */
export async function webHarness(
  t: Teardown,
  options: { readonly opened?: { store: EventStore; sql: Parameters<typeof createKysely>[0] } } = {},
): Promise<WebHarness> {
  const opened = options.opened ?? (await openEventStore({ dataDir: 'memory://' }));
  const { store, sql } = opened;
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    logLevel: 'silent',
    nodeEnv: 'test',
    rateLimitPerMinute: 0,
    sessionSecret: WEB_TEST_SESSION_SECRET,
  };
  const app = await buildApp({ config, store, sql, readModels: sql, logger: createLogger({ level: 'silent' }), tokenCacheTtlMs: 0 });
  const stop = new AbortController();
  const running = runProjections({ store, sql, projections: allProjections, clock: () => new Date(), signal: stop.signal, retryMs: 20 });
  if (options.opened === undefined) t.teardown(() => store.close());
  t.teardown(() => app.close());
  t.teardown(async () => {
    stop.abort();
    await running;
  });
  const db: AnyKysely = createKysely(sql);
  const caughtUp = async (): Promise<void> => {
    const head = (await store.latestPosition()) ?? LOG_START;
    for (const projection of allProjections) {
      for (let attempt = 0; ; attempt += 1) {
        try {
          if (compareLogPositions((await liveProjection(db, projection.name)).checkpoint, head) >= 0) break;
        } catch (error) {
          if (!(error instanceof ProjectorError && error.code === 'PROJECTION_NOT_LIVE')) throw error;
        }
        // A wait for the runner, not a timed assertion: it gives up only when the runner is clearly stuck.
        if (attempt > 3_000) throw new Error(`${projection.name} did not catch up with the log`);
        await sleep(10);
      }
    }
  };

  const admin = await tokenFor(app, 'upisss', 'admin', { label: 'Admin General' });
  const planId = await givenPlanOf(app, 'upisss', admin.headers);
  const asAdmin = async (request: InjectOptions & { url: string }) => {
    const response = await app.inject({ ...request, headers: { ...admin.headers, ...(request.headers ?? {}) } });
    if (response.statusCode >= 300) throw new Error(`preparing ${request.url} failed: ${response.statusCode} ${response.body}`);
    return response;
  };
  await asAdmin({ method: 'POST', url: `/v1/plans/${planId}/indicators`, payload: { ...indicatorOf('IN-DNGF', 'DNGF'), name: 'Expedientes resueltos' } });
  for (const code of ['IN-CONT', 'IN-DNGF', 'OUT-DSP']) {
    for (const month of ['01', '02', '03']) {
      await asAdmin({ method: 'PUT', url: `/v1/plans/${planId}/indicators/${code}/targets/2021-M${month}`, payload: { value: '100' } });
    }
  }
  const tokens = {
    admin,
    reporter: await tokenFor(app, 'upisss', 'reporter', { units: ['DNGF'], label: 'Ana Pérez (Gestión Financiera)' }),
    auditor: await tokenFor(app, 'upisss', 'auditor', { label: 'Auditoría Interna' }),
    otherReporter: await tokenFor(app, 'upisss', 'reporter', { units: ['DSP'], label: 'Luis Gómez (Pensiones)' }),
  };
  await caughtUp();
  return { app, store, planId, tokens, caughtUp, asAdmin };
}
