import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { projectedApp } from '../testing/projected-app.js';

const PLAN = { institutionId: 'upisss', fiscalYear: 2021, name: 'PAT 2021', perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }] };

t.test('a read of the latest sees the write before it, without naming a position', async (t) => {
  const { must, send, startProjections } = await projectedApp(t, { readWaitMs: 10_000, deferProjections: true });
  await must({ method: 'POST', url: '/v1/plans', payload: PLAN });
  // The read arrives before any projection has run: only the wait can make it see the plan.
  const read = send({ method: 'GET', url: '/v1/plans/upisss-2021/audit?limit=50' });
  await sleep(100);
  startProjections();
  const response = await read;
  t.equal(response.statusCode, 200, response.body);
  t.same(
    response.json<{ entries: { event: string }[] }>().entries.map((entry) => entry.event),
    ['PlanOpened'],
    'the trail holds the plan just created',
  );
});

t.test('a min-position the read models do not reach in time is a 503 that says so, in Spanish by default', async (t) => {
  const { must, send, caughtUp } = await projectedApp(t, { readWaitMs: 50 });
  await must({ method: 'POST', url: '/v1/plans', payload: PLAN });
  await caughtUp();
  const response = await send({ method: 'GET', url: '/v1/plans/upisss-2021/audit', headers: { 'semaforo-min-position': '999999999:0' } });
  t.equal(response.statusCode, 503);
  t.equal(response.headers['retry-after'], '1');
  const problem = response.json<{ code: string; detail: string; details: { minPosition: string } }>();
  t.equal(problem.code, 'READ_MODELS_BEHIND');
  t.equal(problem.detail, 'Las lecturas aún no llegan a la posición 999999999:0. Reintente en un momento.');
  t.equal(problem.details.minPosition, '999999999:0');
});

t.test('a read with asOf names its own position and does not wait', async (t) => {
  const { must, send } = await projectedApp(t, { readWaitMs: 60_000, deferProjections: true });
  await must({ method: 'POST', url: '/v1/plans', payload: PLAN });
  // No projection is live: without the wait the read answers at once (503, nothing to read yet).
  const response = await send({ method: 'GET', url: '/v1/plans/upisss-2021/audit?asOf=2021-07-10T12:00:00Z' });
  // tap's 30 s timeout would end the test long before a wait of a minute did.
  t.equal(response.statusCode, 503, response.body);
  t.equal(response.json<{ code: string }>().code, 'PROJECTION_NOT_LIVE');
});

t.test("an import job's progress reads no projection and does not wait for them", async (t) => {
  const { must, send } = await projectedApp(t, { readWaitMs: 50, deferProjections: true });
  await must({ method: 'POST', url: '/v1/plans', payload: PLAN });
  // No projection runs: a read that waited for them would end, past the wait, in 503 READ_MODELS_BEHIND.
  const response = await send({
    method: 'GET',
    url: '/v1/plans/upisss-2021/imports/00000000-0000-4000-8000-000000000000',
    headers: { 'semaforo-min-position': '999999999:0' },
  });
  t.equal(response.statusCode, 404, response.body);
  t.equal(response.json<{ code: string }>().code, 'IMPORT_JOB_NOT_FOUND');
});
