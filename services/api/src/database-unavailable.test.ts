import t from 'tap';
import { accessHarness, givenPlanOf } from './testing/access-harness.js';
import { withAdminToken } from './testing/auth.js';

/*
 * When the database goes away, every route that needs it answers 503
 * STORE_UNAVAILABLE with Retry-After, whichever part of the app asked:
 * the event store, the idempotency keys or the read models. Before this,
 * only the event store's own error was mapped; the SQL client's
 * SqlUnavailableError, met first by an Idempotency-Key write or a read
 * model query, answered 500 (found by the database-outage reliability test).
 */
t.test('given a plan and a token, when the database goes away, then writes, keyed writes and read-model queries all answer 503 with Retry-After', async (t) => {
  const { app, sql } = await accessHarness(t, { readModels: true });
  const admin = await withAdminToken(app, 'upisss');
  const planId = await givenPlanOf(app, 'upisss', admin);

  // The database goes away (the token stays known: the app caches it).
  await sql.close();

  const requests = {
    'a write': { method: 'PUT' as const, url: `/v1/plans/${planId}/indicators/IN-CONT/targets/2021-M01`, payload: { value: '10' } },
    'a write with an Idempotency-Key': {
      method: 'PUT' as const,
      url: `/v1/plans/${planId}/indicators/IN-CONT/targets/2021-M02`,
      payload: { value: '10' },
      headers: { 'idempotency-key': 'key-1' },
    },
    'an evaluation (read model)': { method: 'GET' as const, url: `/v1/plans/${planId}/evaluations/2021-Q1` },
    'an audit page (read model)': { method: 'GET' as const, url: `/v1/plans/${planId}/audit` },
  };
  for (const [what, request] of Object.entries(requests)) {
    const response = await app.inject({ ...request, headers: { ...admin, ...('headers' in request ? request.headers : {}) } });
    t.equal(response.statusCode, 503, `${what}: 503`);
    t.equal(response.headers['retry-after'], '5', `${what}: Retry-After`);
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${what}: a problem`);
    t.equal(response.json().code, 'STORE_UNAVAILABLE', `${what}: STORE_UNAVAILABLE`);
  }
  const ready = await app.inject({ method: 'GET', url: '/ready' });
  t.equal(ready.statusCode, 503, '/ready: not ready');
});
