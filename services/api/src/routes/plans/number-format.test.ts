import tap from 'tap';
import { tokenFor } from '../../testing/auth.js';
import { routeHarness } from '../../testing/route-test-harness.js';

const harness = await routeHarness(tap);
const { app } = harness;

const ecuadorian = { decimalSeparator: ',', thousandsSeparator: '.', percentStyle: 'spaced', currencySymbol: '$' };
const salvadoran = { decimalSeparator: '.', thousandsSeparator: ',', percentStyle: 'attached', currencySymbol: '$' };

tap.test('PUT /v1/plans/{planId}/number-format chooses how the plan writes numbers', async (t) => {
  t.test('given a plan that never chose, its view has no numberFormat: the answer is the one it always was', async (t) => {
    const plan = await harness.givenPlan();
    const read = await app.inject({ method: 'GET', url: plan.url });
    t.equal(read.statusCode, 200);
    t.notOk('numberFormat' in read.json());
  });

  t.test('given a plan, when a planner chooses the Ecuadorian format, then 200, the plan shows it, and one NumberFormatChosen', async (t) => {
    const plan = await harness.givenPlan();
    const planner = await tokenFor(app, plan.body.institutionId, 'planner');
    const url = `${plan.url}/number-format`;
    const chosen = await app.inject({ method: 'PUT', url, payload: { numberFormat: ecuadorian }, headers: { ...planner.headers, 'if-match': '"2"' } });
    t.equal(chosen.statusCode, 200);
    t.equal(chosen.headers.etag, '"3"');
    t.same(chosen.json().numberFormat, ecuadorian);
    t.match(chosen.json().write, { version: 3, appended: 1 });
    const read = await app.inject({ method: 'GET', url: plan.url });
    t.same(read.json().numberFormat, ecuadorian, 'the plan view shows it');
    const events = (await app.inject({ method: 'GET', url: `${plan.url}/events?afterVersion=2` })).json().events;
    t.match(events, [{ type: 'NumberFormatChosen', data: { planId: plan.id, numberFormat: ecuadorian, previousNumberFormat: salvadoran } }]);

    const again = await app.inject({ method: 'PUT', url, payload: { numberFormat: ecuadorian }, headers: planner.headers });
    t.equal(again.statusCode, 200);
    t.same(again.json().write, { version: 3, appended: 0, position: null }, 'the same format again appends nothing');
  });

  t.test('given a plan that never chose, choosing the default appends nothing', async (t) => {
    const plan = await harness.givenPlan();
    const response = await app.inject({ method: 'PUT', url: `${plan.url}/number-format`, payload: { numberFormat: salvadoran } });
    t.equal(response.statusCode, 200);
    t.same(response.json().write, { version: 2, appended: 0, position: null });
  });

  t.test('given a reporter or an auditor, 403 and nothing appended', async (t) => {
    const plan = await harness.givenPlan();
    for (const role of ['reporter', 'auditor'] as const) {
      const token = await tokenFor(app, plan.body.institutionId, role, role === 'reporter' ? { units: ['DSP'] } : {});
      await harness.rejects(
        t,
        plan.stream,
        { method: 'PUT', url: `${plan.url}/number-format`, payload: { numberFormat: ecuadorian }, headers: token.headers },
        { status: 403, code: 'ROLE_NOT_ALLOWED' },
      );
    }
  });

  t.test('given the same separator twice or an unknown one, 400 naming the field, and nothing appended', async (t) => {
    const plan = await harness.givenPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'PUT', url: `${plan.url}/number-format`, payload: { numberFormat: { ...ecuadorian, thousandsSeparator: ',' } } },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.numberFormat.thousandsSeparator'] },
    );
    await harness.rejects(
      t,
      plan.stream,
      { method: 'PUT', url: `${plan.url}/number-format`, payload: { numberFormat: { ...ecuadorian, decimalSeparator: ';' } } },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.numberFormat.decimalSeparator'] },
    );
  });

  t.test('given no such plan, 404 PLAN_NOT_FOUND', async (t) => {
    const plan = harness.newPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'PUT', url: `${plan.url}/number-format`, payload: { numberFormat: ecuadorian } },
      { status: 404, code: 'PLAN_NOT_FOUND' },
    );
  });
});
