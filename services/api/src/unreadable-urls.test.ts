import t from 'tap';
import { accessHarness } from './testing/access-harness.js';

/*
 * URLs the router cannot even read: a path segment that is not valid
 * percent-encoded UTF-8, or a parameter longer than the router takes. Fastify
 * answers those itself, before any hook or error handler, with a JSON body
 * of its own shape; they must be problem+json like every other refusal
 * (found by the bad-input fuzzing test).
 */
t.test('given the API, when a URL cannot be decoded or a path parameter is too long, then a 400 / 414 problem+json', async (t) => {
  const { app } = await accessHarness(t);
  const cases = [
    { url: '/v1/plans/%FF', status: 400, code: 'MALFORMED_URL' },
    { url: '/v1/plans/upisss-2021/indicators/%F0%9F%98/events', status: 400, code: 'MALFORMED_URL' },
    { url: `/v1/plans/${'x'.repeat(300)}`, status: 414, code: 'URI_TOO_LONG' },
  ];
  for (const { url, status, code } of cases) {
    const response = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'es' } });
    t.equal(response.statusCode, status, `${url.slice(0, 50)}: ${status}`);
    t.match(response.headers['content-type'], /^application\/problem\+json/, 'a problem');
    const problem = response.json();
    t.equal(problem.status, status);
    t.equal(problem.code, code);
    t.equal(response.headers['content-language'], 'es', 'in the language asked for, like every problem');
  }
});
