import { openEventStore, type EventStore } from '@semaforo/event-store';
import type { SqlClient } from '@semaforo/sql';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Logger } from 'pino';
import { createLogger, type Config } from '@semaforo/runtime';
import { buildApp, type App } from '../app.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface AccessHarness {
  readonly app: App;
  readonly store: EventStore;
  readonly sql: SqlClient;
  /** The app's clock: tests move it (token expiry, cache delays) instead of waiting. */
  readonly clock: { now: Date };
}

export interface AccessHarnessOptions {
  /** A store already open (PostgreSQL, or one shared by two apps); closed by its opener. Default: PGlite in memory, closed here. */
  readonly opened?: { readonly store: EventStore; readonly sql: SqlClient };
  readonly logger?: Logger;
  readonly rateLimitPerMinute?: number;
  readonly tokenCacheTtlMs?: number;
  readonly clock?: { now: Date };
  /** Serve the read routes from the store's own database (the projector must run for them to answer). */
  readonly readModels?: boolean;
}

/** The real app, with its SQL client (idempotency keys), on a real store, with a clock the test moves. */
export async function accessHarness(t: Teardown, options: AccessHarnessOptions = {}): Promise<AccessHarness> {
  const opened = options.opened ?? (await openEventStore({ dataDir: 'memory://' }));
  const clock = options.clock ?? { now: new Date('2021-04-05T10:00:00.000Z') };
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    logLevel: 'silent',
    nodeEnv: 'test',
    ...(options.rateLimitPerMinute === undefined ? { rateLimitPerMinute: 0 } : { rateLimitPerMinute: options.rateLimitPerMinute }),
  };
  const app = await buildApp({
    config,
    store: opened.store,
    sql: opened.sql,
    ...(options.readModels === true ? { readModels: opened.sql } : {}),
    logger: options.logger ?? createLogger({ level: 'silent' }),
    clock: () => clock.now,
    ...(options.tokenCacheTtlMs === undefined ? {} : { tokenCacheTtlMs: options.tokenCacheTtlMs }),
  });
  t.teardown(async () => {
    await app.close();
    if (options.opened === undefined) await opened.store.close();
  });
  return { app, store: opened.store, sql: opened.sql, clock };
}

/** Units of every plan the access tests open: a division, a unit below it, a department below that, and a separate unit. */
export const UNITS = [
  { code: 'DIV', name: 'División Administrativa', areaClass: 'administrative' },
  { code: 'DNGF', name: 'Gestión Financiera', parentCode: 'DIV', areaClass: 'administrative' },
  { code: 'CONT', name: 'Contabilidad', parentCode: 'DNGF', areaClass: 'administrative' },
  { code: 'DSP', name: 'Pensiones', areaClass: 'administrative' },
] as const;

/** A monthly indicator of a unit: twelve periods to report, so many tests can write without clashing. */
export const indicatorOf = (code: string, unit: string) => ({
  code,
  name: `Indicador ${code}`,
  kind: 'production',
  perspective: 'usuarios',
  unit,
  measure: 'count',
  periodicity: 'monthly',
  polarity: 'higher-is-better',
  accumulation: 'sum',
  formula: 'Casos atendidos en el mes',
});

/**
 * The plan `<institution>-2021` with the units above and two indicators:
 * `IN-CONT` (unit CONT, below DNGF) and `OUT-DSP` (unit DSP). Written
 * through the API with the admin headers given.
 */
export async function givenPlanOf(app: App, institutionId: string, admin: Readonly<Record<string, string>>): Promise<string> {
  const planId = `${institutionId}-2021`;
  const send = async (request: InjectOptions & { url: string }): Promise<LightMyRequestResponse> => {
    const response = await app.inject({ ...request, headers: { ...admin } });
    if (response.statusCode >= 300) throw new Error(`setting up ${request.url} failed: ${response.statusCode} ${response.body}`);
    return response;
  };
  await send({
    method: 'POST',
    url: '/v1/plans',
    payload: { institutionId, fiscalYear: 2021, name: `PAT 2021 ${institutionId}`, perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }] },
  });
  for (const unit of UNITS) await send({ method: 'POST', url: `/v1/plans/${planId}/units`, payload: unit });
  await send({ method: 'POST', url: `/v1/plans/${planId}/indicators`, payload: indicatorOf('IN-CONT', 'CONT') });
  await send({ method: 'POST', url: `/v1/plans/${planId}/indicators`, payload: indicatorOf('OUT-DSP', 'DSP') });
  return planId;
}
