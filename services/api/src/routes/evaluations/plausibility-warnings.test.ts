import t from 'tap';
import { projectedApp } from '../../testing/projected-app.js';
import { indicatorBody, openPlanBody } from '../../testing/route-test-harness.js';

t.test('GET …/evaluations/{period} shows a period’s plausibility warnings, only when its result has some', async (t) => {
  const { must, send, caughtUp } = await projectedApp(t);
  const plan = '/v1/plans/upisss-2021';
  const indicator = `${plan}/indicators/${indicatorBody.code}`;
  await must({ method: 'POST', url: '/v1/plans', payload: openPlanBody('upisss') });
  await must({ method: 'POST', url: `${plan}/units`, payload: { code: 'DSP', name: 'Departamento de Pensiones', areaClass: 'administrative' } });
  await must({ method: 'POST', url: `${plan}/indicators`, payload: indicatorBody });
  await must({ method: 'PUT', url: `${indicator}/plausibility-rules`, payload: { maximum: { value: '30', level: 'warn' } } });
  for (const period of ['2021-Q1', '2021-Q2']) await must({ method: 'PUT', url: `${indicator}/targets/${period}`, payload: { value: '20' } });
  await must({ method: 'PUT', url: `${indicator}/results/2021-Q1`, payload: { value: '45' } });
  await must({ method: 'PUT', url: `${indicator}/results/2021-Q2`, payload: { value: '18' } });
  await caughtUp();

  const response = await send({ method: 'GET', url: `${plan}/evaluations/2021-Q2` });
  t.equal(response.statusCode, 200, response.body);
  t.same(response.json().evaluation.indicators[0].periods, [
    { period: '2021-Q1', target: '20', result: '45', noData: false, counted: true, warnings: [{ rule: 'maximum', level: 'warn', bound: '30' }] },
    { period: '2021-Q2', target: '20', result: '18', noData: false, counted: true },
  ]);
});
