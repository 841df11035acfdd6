import t from 'tap';
import { REQUEST_EXAMPLES } from './open-api-extras.js';
import { routeHarness } from './testing/route-test-harness.js';

interface Operation {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown>; example?: unknown }> };
}

/** A value for each path parameter the routes use; a new name fails the test until it has one. */
const PATH_SAMPLES: Readonly<Record<string, string>> = {
  planId: 'upisss-2021',
  code: 'IE-DSP-NA-26',
  period: '2021-Q1',
  tokenId: '0123456789abcdef',
  unit: 'DSP',
};

t.test('the OpenAPI document: a valid example for every body, the headers every route reads, the first step', async (t) => {
  const { app } = await routeHarness(t);
  await app.ready();
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
    info: { description: string };
    paths: Record<string, Record<string, Operation>>;
  }>();

  t.match(document.info.description, /bootstrap --institution/, 'the description names the bootstrap step');

  const withBody: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const verb = method.toUpperCase();
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase());
      t.ok(headers.includes('accept-language'), `${verb} ${path} lists Accept-Language`);
      if (path.startsWith('/v1/') && ['POST', 'PUT', 'PATCH'].includes(verb))
        t.ok(headers.includes('idempotency-key'), `${verb} ${path} lists Idempotency-Key`);
      if (path.startsWith('/v1/plans/') && ['PUT', 'PATCH'].includes(verb)) t.ok(headers.includes('if-match'), `${verb} ${path} lists If-Match`);

      const json = operation.requestBody?.content['application/json'];
      // A file sent as the body (a report to verify) is no JSON document to exemplify.
      if (json === undefined || json.schema['type'] !== 'object') continue;
      withBody.push(`${verb} ${path}`);
      t.equal(json.schema['additionalProperties'], false, `${verb} ${path}: the body is documented as strict`);
      t.not(json.example, undefined, `${verb} ${path} has an example body (REQUEST_EXAMPLES)`);
      if (json.example === undefined) continue;
      const url = path.replace(/\{(\w+)\}/g, (_whole, name: string) => PATH_SAMPLES[name] ?? `<no sample for ${name}>`);
      const response = await app.inject({ method: verb as 'POST', url, payload: json.example as object });
      const problem = response.statusCode >= 400 ? response.json<{ code: string; errors?: unknown }>() : undefined;
      t.not(
        problem?.code,
        'VALIDATION_FAILED',
        `${verb} ${path}: its example passes the route's schema ${problem === undefined ? '' : JSON.stringify(problem.errors)}`,
      );
    }
  }
  t.same(withBody.sort(), Object.keys(REQUEST_EXAMPLES).sort(), 'no example for an operation that does not exist');
});
