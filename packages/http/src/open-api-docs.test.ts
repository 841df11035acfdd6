import Fastify from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import t from 'tap';
import { z } from 'zod';
import { openApiDocs } from './open-api-docs.js';
import { problemResponses } from './problem-details.js';
import { problemErrorHandler } from './problem-error-handler.js';
import { registerZod } from './register-zod.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/plans/:planId/indicators',
    {
      schema: {
        summary: 'Register an indicator',
        params: z.object({ planId: z.string() }),
        body: z.object({ code: z.string().min(3) }),
        response: { 201: z.object({ code: z.string() }), ...problemResponses(400, 404, 412) },
      },
    },
    async (request, reply) => reply.code(201).send({ code: request.body.code }),
  );
};

async function build() {
  const app = Fastify();
  registerZod(app);
  await app.register(problemErrorHandler);
  await app.register(openApiDocs, { title: 'Test API', version: '1.2.3' });
  await app.register(routes);
  await app.ready();
  return app;
}

t.test('the OpenAPI document is generated from the zod schemas', async (t) => {
  const app = await build();
  t.teardown(() => app.close());

  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(response.statusCode, 200);
  const document = response.json();
  t.equal(document.openapi, '3.1.0');
  t.same(document.info, { title: 'Test API', version: '1.2.3' });

  const operation = document.paths['/plans/{planId}/indicators'].post;
  t.equal(operation.summary, 'Register an indicator');
  t.match(operation.parameters, [{ in: 'path', name: 'planId', required: true }]);
  t.match(operation.requestBody.content['application/json'].schema, { properties: { code: { type: 'string', minLength: 3 } } });
  for (const status of ['400', '404', '412']) {
    t.same(
      operation.responses[status].content['application/problem+json'].schema,
      { $ref: '#/components/schemas/ProblemDetails' },
      `${status} refers to the shared problem schema`,
    );
  }
  t.match(document.components.schemas.ProblemDetails, {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'code'],
  });

  t.notOk(
    Object.keys(document.paths).some((path) => path.startsWith('/docs') || path === '/openapi.json'),
    'the docs do not document themselves',
  );
  t.same(unresolvedRefs(document), [], 'every $ref resolves');
});

t.test('the reference is browsable with no internet', async (t) => {
  const app = await build();
  t.teardown(() => app.close());

  const page = await app.inject({ method: 'GET', url: '/docs' });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^text\/html/);
  const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
  t.ok(assets.length >= 3, 'the page loads scripts and styles');
  for (const asset of assets) {
    t.notMatch(asset, /^(https?:)?\/\//, `${asset} is served by us`);
    const served = await app.inject({ method: 'GET', url: asset });
    t.equal(served.statusCode, 200, `${asset} is served`);
  }
});

function unresolvedRefs(document: unknown): string[] {
  const missing: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && resolvePointer(document, value) === undefined) missing.push(value);
      else visit(value);
    }
  };
  visit(document);
  return missing;
}

function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, segment) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined), document);
}
