import t from 'tap';
import { accessHarness, givenPlanOf } from '../../testing/access-harness.js';
import { withAdminToken } from '../../testing/auth.js';

/*
 * `afterVersion` beyond what a stream version can be (a 32-bit integer in
 * the log) is a bad request, not a database error: it answered 500 when
 * the store's query overflowed (found by the bad-input fuzzing test).
 */
t.test('given a plan and an indicator, when their events are asked after a version no stream can reach, then 400, never 500', async (t) => {
  const { app } = await accessHarness(t);
  const admin = await withAdminToken(app, 'upisss');
  const planId = await givenPlanOf(app, 'upisss', admin);
  for (const url of [`/v1/plans/${planId}/events`, `/v1/plans/${planId}/indicators/IN-CONT/events`]) {
    const tooFar = await app.inject({ method: 'GET', url: `${url}?afterVersion=2147483648`, headers: admin });
    t.equal(tooFar.statusCode, 400, `${url}: 2^31 is refused`);
    t.equal(tooFar.json().code, 'VALIDATION_FAILED');
    t.equal(tooFar.json().errors[0].path, 'query.afterVersion', 'naming the parameter');
    const last = await app.inject({ method: 'GET', url: `${url}?afterVersion=2147483647`, headers: admin });
    t.equal(last.statusCode, 200, `${url}: the largest version is a fine question (nothing after it)`);
    t.same(last.json().events, []);
  }
});
