import tap from 'tap';
import { accessHarness } from '../testing/access-harness.js';
import { tokenFor } from '../testing/auth.js';

tap.test('a token over its limit is 429 problem+json with Retry-After; other tokens are not held back', async (t) => {
  const { app } = await accessHarness(t, { rateLimitPerMinute: 3 });
  const busy = await tokenFor(app, 'upisss', 'planner');
  const calm = await tokenFor(app, 'upisss', 'auditor');
  const me = (headers: object) => app.inject({ method: 'GET', url: '/v1/access/me', headers: { ...headers } });

  for (let i = 1; i <= 3; i++) t.equal((await me(busy.headers)).statusCode, 200, `request ${i} of 3`);
  const refused = await me(busy.headers);
  t.equal(refused.statusCode, 429);
  t.match(refused.headers['content-type'], /^application\/problem\+json/);
  t.match(refused.json(), { status: 429, code: 'RATE_LIMITED' });
  t.ok(Number(refused.headers['retry-after']) >= 1, 'says when to retry');
  t.equal((await me(calm.headers)).statusCode, 200, 'another token of the same institution still gets through');
});

tap.test('without a good token, the limit counts per client address, refused requests included', async (t) => {
  const { app } = await accessHarness(t, { rateLimitPerMinute: 2 });
  const guess = { authorization: 'Bearer smf_upisss.0000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
  t.equal((await app.inject({ method: 'GET', url: '/v1/access/me', headers: guess })).statusCode, 401);
  t.equal((await app.inject({ method: 'GET', url: '/v1/access/me' })).statusCode, 401);
  t.equal((await app.inject({ method: 'GET', url: '/v1/access/me', headers: guess })).statusCode, 429, 'guessing tokens is limited too');
});

tap.test('RATE_LIMIT_PER_MINUTE=0 turns the limit off', async (t) => {
  const { app } = await accessHarness(t, { rateLimitPerMinute: 0 });
  const planner = await tokenFor(app, 'upisss', 'planner');
  const answers = await Promise.all(Array.from({ length: 50 }, () => app.inject({ method: 'GET', url: '/v1/access/me', headers: planner.headers })));
  t.same(new Set(answers.map((answer) => answer.statusCode)), new Set([200]));
  t.notOk(answers[0]?.headers['x-ratelimit-limit'], 'no limit announced');
});
