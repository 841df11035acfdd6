import { randomUUID } from 'node:crypto';
import { openEventStore, type EventStore } from '@semaforo/event-store';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Test } from 'tap';
import { createLogger, type Config } from '@semaforo/runtime';
import { buildApp } from '../app.js';
import { injectAsAdminOfEachInstitution } from './auth.js';

/** What the harness needs of tap's test object. */
interface Teardown {
  teardown(fn: () => unknown): void;
}

export type Response = LightMyRequestResponse;

export const NOW = new Date('2021-04-05T10:00:00.000Z');

const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test' };

/** The body of `POST /v1/plans` for a plan shaped like the UPISSS 2021 plan of the seeds, trimmed. */
export const openPlanBody = (institutionId: string) => ({
  institutionId,
  fiscalYear: 2021,
  name: 'Plan Anual de Trabajo 2021',
  perspectives: [
    { code: 'usuarios', name: 'Persona Usuaria' },
    { code: 'financiera', name: 'Financiera' },
  ],
});

/** A quarterly, lower-is-better indicator like the seeds' average waiting time. */
export const indicatorBody = {
  code: 'IE-DSP-NA-26',
  name: 'Tiempo promedio de espera de la liquidación',
  kind: 'result',
  perspective: 'usuarios',
  unit: 'DSP',
  measure: 'days',
  periodicity: 'quarterly',
  polarity: 'lower-is-better',
  accumulation: 'average',
  formula: 'Días entre la solicitud y la liquidación, en promedio',
} as const;

export interface PlanFixture {
  readonly id: string;
  readonly url: string;
  /** The plan stream's name in the store. */
  readonly stream: string;
  readonly body: ReturnType<typeof openPlanBody>;
}

export interface IndicatorFixture {
  readonly plan: PlanFixture;
  readonly code: string;
  readonly url: string;
  /** The indicator stream's name in the store. */
  readonly stream: string;
}

export interface RouteHarness {
  readonly app: Awaited<ReturnType<typeof buildApp>>;
  readonly store: EventStore;
  /** The stream's version in the store itself, not through the API: what "nothing was appended" is checked against. */
  readonly streamVersion: (streamName: string) => Promise<number>;
  /**
   * Sends a request that must be refused: checks the problem answer (status,
   * code, and the path of each bad field when `paths` is given) and that
   * the stream it would have written to did not move.
   */
  readonly rejects: (
    t: Test,
    streamName: string,
    request: InjectOptions & { method: string; url: string },
    expected: { status: number; code: string; paths?: readonly string[] },
  ) => Promise<Response>;
  /** A plan of an institution no test used yet; not opened. */
  readonly newPlan: () => PlanFixture;
  /** An indicator of a plan no test used yet; neither exists. */
  readonly newIndicator: (plan?: PlanFixture) => IndicatorFixture;
  /** A new plan, open, with the unit DSP defined: plan version 2. */
  readonly givenPlan: () => Promise<PlanFixture>;
  /** A new plan, and the indicator of `indicatorBody` registered in it: indicator version 1. */
  readonly givenIndicator: () => Promise<IndicatorFixture>;
}

/**
 * The real app on a real store: PGlite in memory unless the test opens
 * another (PostgreSQL). One store per test file, since opening one is the
 * slow part; tests stay independent by each working on a plan of its own
 * institution. A fixed clock makes events predictable; everything else
 * is what production runs.
 */
export async function routeHarness(t: Teardown, openStore?: () => Promise<EventStore>): Promise<RouteHarness> {
  const store = openStore ? await openStore() : (await openEventStore({ dataDir: 'memory://' })).store;
  const app = await buildApp({
    config,
    store,
    logger: createLogger({ level: 'silent' }),
    clock: () => NOW,
    // Random, as in production: two harnesses may share one database.
    newEventId: randomUUID,
  });
  t.teardown(async () => {
    await app.close();
    await store.close();
  });
  // These tests are about the routes, not about who may call them: each request acts as an admin of the institution it names.
  injectAsAdminOfEachInstitution(app);

  const streamVersion = async (name: string) => (await store.readStream(name)).version;

  let institutions = 0;
  const newPlan = (): PlanFixture => {
    const institutionId = `inst-${++institutions}`;
    const id = `${institutionId}-2021`;
    return { id, url: `/v1/plans/${id}`, stream: `plan-${id}`, body: openPlanBody(institutionId) };
  };
  const newIndicator = (plan = newPlan()): IndicatorFixture => ({
    plan,
    code: indicatorBody.code,
    url: `${plan.url}/indicators/${indicatorBody.code}`,
    stream: `indicator-${plan.id}/${indicatorBody.code}`,
  });

  const setUp = async (request: InjectOptions & { method: string; url: string }): Promise<void> => {
    const response = await app.inject(request);
    if (response.statusCode !== 201) throw new Error(`setting up failed: ${request.method} ${request.url}: ${response.statusCode} ${response.body}`);
  };
  const givenPlan = async (): Promise<PlanFixture> => {
    const plan = newPlan();
    await setUp({ method: 'POST', url: '/v1/plans', payload: plan.body });
    await setUp({ method: 'POST', url: `${plan.url}/units`, payload: { code: 'DSP', name: 'Departamento de Pensiones', areaClass: 'administrative' } });
    return plan;
  };
  const givenIndicator = async (): Promise<IndicatorFixture> => {
    const indicator = newIndicator(await givenPlan());
    await setUp({ method: 'POST', url: `${indicator.plan.url}/indicators`, payload: indicatorBody });
    return indicator;
  };

  return {
    app,
    store,
    streamVersion,
    async rejects(t, streamName, request, expected) {
      const before = await streamVersion(streamName);
      const response = await app.inject(request);
      t.equal(response.statusCode, expected.status, `${request.method} ${request.url} answers ${expected.status}`);
      t.match(response.headers['content-type'], /^application\/problem\+json/);
      const problem = response.json<{ code: string; errors?: Array<{ path: string; message: string }> }>();
      t.equal(problem.code, expected.code);
      if (expected.paths !== undefined) {
        t.same((problem.errors ?? []).map((error) => error.path).sort(), [...expected.paths].sort(), 'each bad field by its path');
      }
      t.equal(await streamVersion(streamName), before, `nothing appended to ${streamName}`);
      return response;
    },
    newPlan,
    newIndicator,
    givenPlan,
    givenIndicator,
  };
}
