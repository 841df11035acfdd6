import Fastify, { type FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Writable } from 'node:stream';
import tap from 'tap';
import { z } from 'zod';
import { HttpProblem } from './http-problem.js';
import { problemErrorHandler } from './problem-error-handler.js';
import { registerZod } from './register-zod.js';

class RuleBroken extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

class VersionConflict extends Error {}
class StoreDown extends Error {}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/plans',
    {
      schema: {
        body: z.object({
          year: z.number().int().min(2000),
          indicators: z.array(z.object({ code: z.string().min(3) })),
        }),
        response: { 201: z.object({ year: z.number() }) },
      },
    },
    async (request, reply) => reply.code(201).send({ year: request.body.year }),
  );
  app.get('/plans/:year', { schema: { params: z.object({ year: z.coerce.number().int() }) } }, async () => {
    throw new RuleBroken('PLAN_NOT_FOUND', 'No plan for 2031; open it first.', { year: 2031 });
  });
  app.get('/unmapped-code', async () => {
    throw new RuleBroken('NOT_REGISTERED', 'secret internal message');
  });
  app.get('/conflict', async () => {
    throw new VersionConflict('stream plan-7 expected 3 got 4');
  });
  app.get('/store-down', async () => {
    throw new StoreDown('connect ECONNREFUSED 127.0.0.1:5432');
  });
  app.get('/boom', async () => {
    throw new Error('password=hunter2 at db.internal');
  });
  app.get('/http-problem', async () => {
    throw new HttpProblem(409, 'ALREADY_DONE', 'It was already done.', { details: { at: 'now' } });
  });
};

interface Built {
  readonly app: FastifyInstance;
  readonly logs: Array<Record<string, unknown>>;
}

async function build(t: Pick<typeof tap, 'teardown'>): Promise<Built> {
  const logs: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream }, bodyLimit: 1024 });
  registerZod(app);
  await app.register(problemErrorHandler, {
    codes: { PLAN_NOT_FOUND: 404 },
    errorClasses: [
      [VersionConflict, { status: 412, code: 'STALE_READ', detail: 'Read again and retry.' }],
      [StoreDown, { status: 503, code: 'STORE_UNAVAILABLE', detail: 'The store is down; retry.' }],
    ],
    retryAfterSeconds: 7,
    messages: {
      ALREADY_DONE: {
        title: { en: 'Already done', es: 'Ya hecho' },
        detail: { en: 'It was already done {at}.', es: 'Ya se hizo {at}.' },
      },
    },
  });
  await app.register(routes);
  t.teardown(() => app.close());
  return { app, logs };
}

tap.test('every error answer is problem+json', async (t) => {
  const { app } = await build(t);

  t.test('a body that breaks the schema lists each bad field', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/plans?x=1',
      payload: { year: 1999, indicators: [{ code: 'OK1' }, { code: 'x' }] },
    });
    t.equal(response.statusCode, 400);
    t.match(response.headers['content-type'], /^application\/problem\+json/);
    const body = response.json();
    t.equal(body.code, 'VALIDATION_FAILED');
    t.equal(body.type, 'urn:semaforo:problem:validation-failed');
    t.equal(body.status, 400);
    t.equal(body.instance, '/plans', 'the query string is left out: it may carry secrets');
    t.same(
      body.errors.map((error: { path: string }) => error.path),
      ['body.year', 'body.indicators[1].code'],
    );
    t.same(body.errors[1].pointer, '/indicators/1/code');
    t.type(body.errors[0].message, 'string');
  });

  t.test('bad path parameters are named as params', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/plans/abc' });
    t.equal(response.statusCode, 400);
    t.equal(response.json().errors[0].path, 'params.year');
  });

  t.test('malformed JSON', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/plans',
      headers: { 'content-type': 'application/json' },
      payload: '{"year": 2024,',
    });
    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'MALFORMED_JSON');
  });

  t.test('an empty body that claims to be JSON', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/plans',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    t.equal(response.statusCode, 400);
    t.equal(response.json().code, 'MALFORMED_JSON');
  });

  t.test('a body over the limit', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/plans',
      payload: { year: 2024, indicators: Array.from({ length: 200 }, () => ({ code: 'ABCDEFGH' })) },
    });
    t.equal(response.statusCode, 413);
    t.equal(response.json().code, 'PAYLOAD_TOO_LARGE');
  });

  t.test('a media type nobody parses', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/plans',
      headers: { 'content-type': 'application/xml' },
      payload: '<plan/>',
    });
    t.equal(response.statusCode, 415);
    t.equal(response.json().code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  t.test('a mapped domain error keeps its code, message and details', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/plans/2031' });
    t.equal(response.statusCode, 404);
    t.same(response.json(), {
      type: 'urn:semaforo:problem:plan-not-found',
      title: 'No encontrado',
      status: 404,
      detail: 'No plan for 2031; open it first.',
      code: 'PLAN_NOT_FOUND',
      instance: '/plans/2031',
      details: { year: 2031 },
    });
  });

  t.test('a mapped error class is renamed and its message replaced', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/conflict' });
    t.equal(response.statusCode, 412);
    t.equal(response.json().code, 'STALE_READ');
    t.equal(response.json().detail, 'Read again and retry.', 'a code with no entry in the message table: the mapping’s text');
  });

  t.test('an unavailable store answers 503 with Retry-After', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/store-down' });
    t.equal(response.statusCode, 503);
    t.equal(response.headers['retry-after'], '7');
    t.equal(response.json().code, 'STORE_UNAVAILABLE');
    t.notMatch(response.body, /ECONNREFUSED/);
  });

  t.test('an HttpProblem answers with its code’s messages, its details interpolated', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/http-problem' });
    t.equal(response.statusCode, 409);
    t.match(response.json(), { code: 'ALREADY_DONE', title: 'Ya hecho', detail: 'Ya se hizo now.', details: { at: 'now' } });
    const english = await app.inject({ method: 'GET', url: '/http-problem', headers: { 'accept-language': 'en' } });
    t.match(english.json(), { code: 'ALREADY_DONE', title: 'Already done', detail: 'It was already done now.' });
  });

  t.test('field messages in Spanish by default: zod’s own, and the app’s table', async (t) => {
    const response = await app.inject({ method: 'POST', url: '/plans', payload: { year: 1999, indicators: [{ code: 'x' }] } });
    const body = response.json<{ detail: string; errors: Array<{ path: string; message: string }> }>();
    t.equal(body.detail, '2 campos no son válidos; vea en `errors` cada campo y lo que se espera.');
    t.same(
      body.errors.map((error) => [error.path, error.message]),
      [
        ['body.year', 'debe ser mayor o igual que 2000'],
        ['body.indicators[0].code', 'debe tener al menos 3 caracteres'],
      ],
    );
  });

  t.test('an unknown route', async (t) => {
    const response = await app.inject({ method: 'DELETE', url: '/nowhere?token=abc', headers: { 'accept-language': 'en' } });
    t.equal(response.statusCode, 404);
    t.match(response.headers['content-type'], /^application\/problem\+json/);
    t.match(response.json(), { code: 'NOT_FOUND', detail: 'No route matches DELETE /nowhere. Check the method and the path.' });
    t.notMatch(response.body, /token/);
  });

  t.test('Spanish on request or by default, the same code', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/nowhere', headers: { 'accept-language': 'es-SV, en;q=0.5' } });
    t.equal(response.json().title, 'No encontrado');
    t.equal(response.json().detail, 'Ninguna ruta corresponde a GET /nowhere. Revise el método y la ruta.');
    const unsaid = await app.inject({ method: 'GET', url: '/nowhere' });
    t.equal(unsaid.json().title, 'No encontrado', 'no Accept-Language: Spanish');
    t.equal(response.json().code, 'NOT_FOUND');
    t.equal(response.headers['content-language'], 'es');
  });
});

tap.test('errors of ours say nothing about themselves, and are logged in full', async (t) => {
  const { app, logs } = await build(t);

  for (const url of ['/boom', '/unmapped-code']) {
    const response = await app.inject({ method: 'GET', url });
    t.equal(response.statusCode, 500, url);
    const body = response.json();
    t.equal(body.code, 'INTERNAL');
    t.notMatch(response.body, /hunter2|secret internal|stack|\.ts:/, 'no message, no stack');
  }

  const logged = logs.filter((line) => line['level'] === 50);
  t.equal(logged.length, 2, 'both logged at error level');
  t.match(logged[0], { err: { message: 'password=hunter2 at db.internal', stack: /Error/ } });
});

tap.test('a base class answers for the codes nobody listed; a listed code wins over it', async (t) => {
  const app = Fastify();
  registerZod(app);
  await app.register(problemErrorHandler, { codes: { PLAN_NOT_FOUND: 404 }, errorClasses: [[RuleBroken, { status: 422 }]] });
  app.get('/listed', async () => {
    throw new RuleBroken('PLAN_NOT_FOUND', 'No plan for 2031.');
  });
  app.get('/unlisted', async () => {
    throw new RuleBroken('PERIOD_OUTSIDE_PLAN_YEAR', '2024-Q1 is not in the 2023 plan.');
  });
  t.teardown(() => app.close());

  const listed = await app.inject({ method: 'GET', url: '/listed' });
  t.equal(listed.statusCode, 404);
  const unlisted = await app.inject({ method: 'GET', url: '/unlisted', headers: { 'accept-language': 'en' } });
  t.equal(unlisted.statusCode, 422);
  t.match(unlisted.json(), { code: 'PERIOD_OUTSIDE_PLAN_YEAR', detail: '2024-Q1 is not in the 2023 plan.', title: 'The request breaks a rule' });
});
