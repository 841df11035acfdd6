import { DomainError } from '@semaforo/domain';
import { openEventStore, type EventStore } from '@semaforo/event-store';
import { expectedVersionForWrite, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Writable } from 'node:stream';
import tap from 'tap';
import { z } from 'zod';
import { createLogger, type Config } from '@semaforo/runtime';
import { buildApp, BODY_LIMIT_BYTES } from './app.js';
import { tokenFor } from './testing/auth.js';

const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'info', nodeEnv: 'test' };
const NOW = new Date('2024-04-02T15:04:05.000Z');

/** Test-only routes are not in ROUTE_ACCESS: each says who may call it, as its config allows. */
const OPEN = { access: { public: true } } as const;
const PLANNERS = { access: { roles: ['planner'] } } as const;

/** Routes that exist only in this test, to reach the error paths a real route can take. */
const testRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/test/plans',
    {
      config: OPEN,
      schema: {
        body: z.object({
          year: z.number().int().min(2000),
          indicators: z.array(z.object({ code: z.string().min(3), measure: z.enum(['percent', 'count']) })).min(1),
        }),
        response: { 201: z.object({ year: z.number() }), ...problemResponses(400) },
      },
    },
    async (request, reply) => reply.code(201).send({ year: request.body.year }),
  );
  app.post('/test/commands', { config: PLANNERS }, async (request) => {
    const metadata = app.commandMetadata(request);
    return { ...metadata, newEventId: metadata.newEventId() };
  });
  app.put('/test/versioned', { config: OPEN }, async (request) => ({ expected: expectedVersionForWrite(request.headers['if-match'], 4) }));
  app.get('/test/boom', { config: OPEN }, async () => {
    throw new Error('relation "events" does not exist at /srv/app/db.ts:12');
  });
  app.get('/test/plan-not-found', { config: OPEN }, async () => {
    throw new DomainError('PLAN_NOT_FOUND', 'There is no 2031 plan for this institution; open it first.', { year: 2031 });
  });
  app.post(
    '/test/streams/:name/events',
    { config: PLANNERS, schema: { params: z.object({ name: z.string() }), body: z.object({ expectedVersion: z.number().int() }) } },
    async (request) => {
      const metadata = app.commandMetadata(request);
      const result = await app.store.appendToStream(
        request.params.name,
        [
          {
            eventId: metadata.newEventId(),
            type: 'TestHappened',
            data: {},
            metadata: {
              actor: metadata.actor,
              source: metadata.source,
              requestId: metadata.requestId,
              correlationId: metadata.correlationId,
              causationId: metadata.causationId,
              recordedAt: metadata.recordedAt,
            },
          },
        ],
        { expectedVersion: request.body.expectedVersion },
      );
      return { version: result.nextExpectedVersion };
    },
  );
  app.get('/test/rule-broken', { config: OPEN }, async () => {
    throw new DomainError('PERIOD_OUTSIDE_PLAN_YEAR', '2024-Q1 is outside the 2023 plan.');
  });
};

interface Harness {
  readonly app: Awaited<ReturnType<typeof buildApp>>;
  readonly store: EventStore;
  readonly logs: Array<Record<string, unknown>>;
}

async function harness(t: Pick<typeof tap, 'teardown'>): Promise<Harness> {
  const { store } = await openEventStore({ dataDir: 'memory://' });
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  let ids = 0;
  const app = await buildApp({
    config,
    store,
    logger: createLogger({ level: 'info', destination }),
    clock: () => NOW,
    newEventId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  });
  await app.register(testRoutes);
  t.teardown(async () => {
    await app.close();
    await store.close();
  });
  return { app, store, logs };
}

tap.test('operations probes', async (t) => {
  const { app } = await harness(t);

  t.test('GET /health says the process is alive', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    t.equal(response.statusCode, 200);
    t.same(response.json(), { status: 'ok' });
  });

  t.test('GET /ready says the store answers', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/ready' });
    t.equal(response.statusCode, 200);
    t.same(response.json(), { status: 'ready' });
  });
});

tap.test('given a store that does not answer, /ready is 503 problem+json with Retry-After', async (t) => {
  // A real store that stops answering (closed under the app), not a stand-in.
  const { app, store, logs } = await harness(t);
  await store.close();

  const response = await app.inject({ method: 'GET', url: '/ready' });
  t.equal(response.statusCode, 503);
  t.match(response.headers['content-type'], /^application\/problem\+json/);
  t.equal(response.headers['retry-after'], '5');
  t.match(response.json(), { status: 503, code: 'STORE_UNAVAILABLE', instance: '/ready' });
  t.notMatch(response.body, /event store is closed/, 'the cause stays in the logs');
  t.ok(
    logs.some((line) => line['level'] === 40 && JSON.stringify(line['err']).includes('event store is closed')),
    'the cause is logged as a warning',
  );

  const health = await app.inject({ method: 'GET', url: '/health' });
  t.equal(health.statusCode, 200, 'alive all the same');
});

tap.test('request and correlation ids', async (t) => {
  const { app, logs } = await harness(t);

  t.test('given none, the request gets a new id, which is also the correlation id', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    const requestId = response.headers['x-request-id'];
    t.match(requestId, /^[0-9a-f-]{36}$/);
    t.equal(response.headers['x-correlation-id'], requestId);
  });

  t.test('given usable ones, they are echoed and logged', async (t) => {
    const response = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'req-123', 'x-correlation-id': 'import-2024-04' },
    });
    t.equal(response.headers['x-request-id'], 'req-123');
    t.equal(response.headers['x-correlation-id'], 'import-2024-04');
    t.ok(
      logs.some((line) => line['requestId'] === 'req-123'),
      'log lines carry the request id',
    );
  });

  t.test('given unsafe ones, they are replaced', async (t) => {
    const response = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'a b\tc', 'x-correlation-id': 'x'.repeat(500) },
    });
    t.match(response.headers['x-request-id'], /^[0-9a-f-]{36}$/);
    t.equal(response.headers['x-correlation-id'], response.headers['x-request-id']);
  });

  t.test('error answers carry them too', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'req-404' } });
    t.equal(response.statusCode, 404);
    t.equal(response.headers['x-request-id'], 'req-404');
  });
});

tap.test('command metadata', async (t) => {
  const { app } = await harness(t);
  const planner = await tokenFor(app, 'upisss', 'planner');

  t.test('given a token, the actor is the token and the role it acts in; the rest comes from the request and the clock', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/commands',
      headers: { ...planner.headers, 'x-request-id': 'req-9', 'x-correlation-id': 'corr-1' },
    });
    t.equal(response.statusCode, 200);
    t.same(response.json(), {
      actor: { id: planner.tokenId, role: 'planner' },
      source: 'api',
      requestId: 'req-9',
      correlationId: 'corr-1',
      causationId: 'req-9',
      recordedAt: '2024-04-02T15:04:05.000Z',
      newEventId: '00000000-0000-4000-8000-000000000001',
    });
  });

  t.test('given no token, 401: no change is ever made by nobody', async (t) => {
    const response = await app.inject({ method: 'POST', url: '/test/commands', headers: { 'x-actor': 'planner@upisss' } });
    t.equal(response.statusCode, 401);
    t.equal(response.json().code, 'AUTHENTICATION_REQUIRED', 'X-Actor names nobody any more');
  });
});

tap.test('error answers', async (t) => {
  const { app, logs } = await harness(t);

  t.test('an unknown route is a problem+json 404', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/plans/2024/nothing' });
    t.equal(response.statusCode, 404);
    t.match(response.headers['content-type'], /^application\/problem\+json/);
    t.match(response.json(), { status: 404, code: 'NOT_FOUND', instance: '/plans/2024/nothing' });
  });

  t.test('malformed JSON is 400 MALFORMED_JSON', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/plans',
      headers: { 'content-type': 'application/json' },
      payload: '{"year": 2024, "indicators": [}',
    });
    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'MALFORMED_JSON');
  });

  t.test('a validation failure lists every bad field by path', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/plans',
      payload: {
        year: 2024,
        indicators: [
          { code: 'IE-DNGF-NA-11', measure: 'percent' },
          { code: 'IE', measure: 'litres' },
        ],
      },
    });
    t.equal(response.statusCode, 400);
    const body = response.json();
    t.equal(body.code, 'VALIDATION_FAILED');
    t.same(body.errors.map((error: { path: string }) => error.path).sort(), ['body.indicators[1].code', 'body.indicators[1].measure']);
    for (const error of body.errors) t.ok(error.message.length > 0, `${error.path} says what is wrong`);
  });

  t.test('a body that is not JSON is 415', async (t) => {
    const response = await app.inject({ method: 'POST', url: '/test/plans', headers: { 'content-type': 'text/plain' }, payload: 'year=2024' });
    t.equal(response.statusCode, 415);
    t.equal(response.json().code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  t.test('a body over the limit is 413', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/plans',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ year: 2024, indicators: [], padding: 'x'.repeat(BODY_LIMIT_BYTES) }),
    });
    t.equal(response.statusCode, 413);
    t.equal(response.json().code, 'PAYLOAD_TOO_LARGE');
  });

  t.test('a domain error answers with its status, code, its code’s message and details', async (t) => {
    const notFound = await app.inject({ method: 'GET', url: '/test/plan-not-found', headers: { 'accept-language': 'es' } });
    t.equal(notFound.statusCode, 404);
    t.same(notFound.json(), {
      type: 'urn:semaforo:problem:plan-not-found',
      title: 'Plan no encontrado',
      status: 404,
      // No template of PLAN_NOT_FOUND takes a year: the one that needs no facts.
      detail: 'No existe ese plan.',
      code: 'PLAN_NOT_FOUND',
      instance: '/test/plan-not-found',
      details: { year: 2031 },
    });
    const ruleBroken = await app.inject({ method: 'GET', url: '/test/rule-broken' });
    t.equal(ruleBroken.statusCode, 422, 'a code nobody listed breaks a rule');
    t.equal(ruleBroken.json().code, 'PERIOD_OUTSIDE_PLAN_YEAR');
  });

  t.test('an If-Match that is not the current version is 412', async (t) => {
    const stale = await app.inject({ method: 'PUT', url: '/test/versioned', headers: { 'if-match': '"3"' } });
    t.equal(stale.statusCode, 412);
    t.match(stale.json(), { code: 'PRECONDITION_FAILED', details: { currentETag: '"4"' } });
    const current = await app.inject({ method: 'PUT', url: '/test/versioned', headers: { 'if-match': '"4"' } });
    t.same(current.json(), { expected: 4 });
  });

  t.test('an unexpected error is a 500 that says nothing internal, and is logged in full', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/test/boom', headers: { 'x-request-id': 'req-boom' } });
    t.equal(response.statusCode, 500);
    const body = response.json();
    t.equal(body.code, 'INTERNAL');
    t.match(body.detail, /X-Request-Id/);
    t.notMatch(response.body, /relation|events|srv|db\.ts|stack/);
    const logged = logs.find((line) => line['requestId'] === 'req-boom' && line['level'] === 50);
    t.match(logged, { err: { message: /relation "events" does not exist/, stack: /db\.ts|Error/ } });
  });
});

tap.test('event store errors', async (t) => {
  t.test('appending at a version the stream is not at is 412, saying what to do, not which stream', async (t) => {
    const { app } = await harness(t);
    const { headers } = await tokenFor(app, 'upisss', 'planner');
    const first = await app.inject({ method: 'POST', url: '/test/streams/plan-1/events', headers, payload: { expectedVersion: 0 } });
    t.same(first.json(), { version: 1 });
    const stale = await app.inject({ method: 'POST', url: '/test/streams/plan-1/events', headers, payload: { expectedVersion: 0 } });
    t.equal(stale.statusCode, 412);
    t.match(stale.json(), { code: 'PRECONDITION_FAILED', detail: /Léalo de nuevo y reintente con su ETag nuevo/ });
    t.notMatch(stale.json().detail, /plan-1|stream/, 'the store message, naming the stream, stays in the logs');
  });

  t.test('a closed store is 503 with Retry-After', async (t) => {
    const { app, store } = await harness(t);
    const { headers } = await tokenFor(app, 'upisss', 'planner');
    await store.close();
    const response = await app.inject({ method: 'POST', url: '/test/streams/plan-1/events', headers, payload: { expectedVersion: 0 } });
    t.equal(response.statusCode, 503);
    t.equal(response.headers['retry-after'], '5');
    t.equal(response.json().code, 'STORE_UNAVAILABLE');
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    t.equal(ready.statusCode, 503, 'and not ready');
  });
});

tap.test('security headers: helmet defaults, on answers and on errors alike', async (t) => {
  const { app } = await harness(t);
  for (const url of ['/health', '/v1/plans/nope', '/no-such-route']) {
    const response = await app.inject({ method: 'GET', url });
    t.equal(response.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`);
    t.equal(response.headers['x-frame-options'], 'SAMEORIGIN', `${url}: no framing by other sites`);
    t.equal(response.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', `${url}: HSTS`);
    t.match(response.headers['content-security-policy'], /script-src 'self'/, `${url}: CSP`);
    t.notMatch(response.headers['content-security-policy'], /upgrade-insecure-requests/, `${url}: plain http still loads the docs`);
  }
});

tap.test('API reference', async (t) => {
  const { app } = await harness(t);

  t.test('/openapi.json is an OpenAPI 3 document of the routes', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    t.equal(response.statusCode, 200);
    const document = response.json();
    t.match(document.openapi, /^3\.\d+\.\d+$/);
    t.match(document.info, { title: 'Semáforo API', version: /\d+\.\d+\.\d+/ });
    t.match(document.paths['/health'].get.responses['200'], {
      description: 'The process answers.',
      content: { 'application/json': { schema: { properties: { status: { enum: ['ok'] } } } } },
    });
    t.same(document.paths['/ready'].get.responses['503'].content['application/problem+json'].schema, {
      $ref: '#/components/schemas/ProblemDetails',
    });
    t.ok(document.components.schemas.ProblemDetails, 'the problem schema is shared');
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, { responses?: unknown }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        t.ok(operation.responses, `${method.toUpperCase()} ${path} documents its responses`);
      }
    }
  });

  t.test('/docs serves the browsable reference, its assets from here', async (t) => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    t.equal(page.statusCode, 200);
    t.match(page.headers['content-type'], /^text\/html/);
    t.match(page.body, /swagger-ui-bundle\.js/);
    t.notMatch(page.body, /https?:\/\//, 'nothing from the internet');
    const bundle = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    t.equal(bundle.statusCode, 200);
  });
});
