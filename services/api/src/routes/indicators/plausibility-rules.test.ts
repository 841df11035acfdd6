import tap from 'tap';
import { routeHarness, type IndicatorFixture } from '../../testing/route-test-harness.js';

const harness = await routeHarness(tap);
const { app } = harness;

const rulesUrl = (indicator: IndicatorFixture) => `${indicator.url}/plausibility-rules`;
const resultUrl = (indicator: IndicatorFixture, period: string) => `${indicator.url}/results/${period}`;

tap.test('GET …/plausibility-rules answers the rules in force', async (t) => {
  t.test('given a `days` indicator with no rules set: the defaults, the ratio check × 1 at warn', async (t) => {
    const indicator = await harness.givenIndicator();
    const response = await app.inject({ method: 'GET', url: rulesUrl(indicator) });
    t.equal(response.statusCode, 200, response.body);
    t.equal(response.headers.etag, '"1"');
    t.same(response.json(), {
      planId: indicator.plan.id,
      code: indicator.code,
      source: 'default',
      rules: { ratioCheck: { scale: '1', level: 'warn' } },
      version: 1,
    });
  });

  t.test('given a percent indicator with no rules set: between 0 and 100 and the ratio check × 100, all at warn', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PATCH', url: indicator.url, payload: { changes: { measure: 'percent' } } });
    const response = await app.inject({ method: 'GET', url: rulesUrl(indicator) });
    t.same(response.json().rules, {
      minimum: { value: '0', level: 'warn' },
      maximum: { value: '100', level: 'warn' },
      ratioCheck: { scale: '100', level: 'warn' },
    });
  });

  t.test('given no such indicator: 404 INDICATOR_NOT_FOUND', async (t) => {
    const indicator = await harness.givenIndicator();
    const response = await app.inject({ method: 'GET', url: `${indicator.plan.url}/indicators/NOPE/plausibility-rules` });
    t.equal(response.statusCode, 404);
    t.equal(response.json().code, 'INDICATOR_NOT_FOUND');
  });
});

tap.test('PUT …/plausibility-rules sets them', async (t) => {
  const rules = { minimum: { value: '0', level: 'refuse' }, maximum: { value: '30', level: 'warn' } };

  t.test('given an indicator: 200, the rules replace the defaults, the reason is in the event; the same PUT again appends nothing', async (t) => {
    const indicator = await harness.givenIndicator();
    const request = {
      method: 'PUT' as const,
      url: rulesUrl(indicator),
      payload: { ...rules, reason: 'Acordado con la unidad' },
      headers: { 'if-match': '"1"' },
    };
    const response = await app.inject(request);
    t.equal(response.statusCode, 200, response.body);
    t.equal(response.headers.etag, '"2"');
    t.match(response.json(), { source: 'set', rules, version: 2, write: { version: 2, appended: 1 } });
    t.same(response.json().rules, rules, 'no ratio check: set rules replace the defaults whole');
    const events = (await app.inject({ method: 'GET', url: `${indicator.url}/events?afterVersion=1` })).json().events;
    t.match(events, [{ type: 'PlausibilityRulesSet', data: { rules, previous: null }, metadata: { reason: 'Acordado con la unidad' } }]);
    const again = await app.inject({ ...request, headers: {} });
    t.equal(again.statusCode, 200);
    t.same(again.json().write, { version: 2, appended: 0, position: null });
    t.same((await app.inject({ method: 'GET', url: rulesUrl(indicator) })).json().rules, rules);
  });

  t.test('given a stale If-Match: 412, nothing appended', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: rulesUrl(indicator), payload: rules, headers: { 'if-match': '"7"' } },
      { status: 412, code: 'PRECONDITION_FAILED' },
    );
  });

  t.test('given a minimum above the maximum: 400 INVALID_PLAUSIBILITY_RULES, in Spanish by default', async (t) => {
    const indicator = await harness.givenIndicator();
    const response = await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: rulesUrl(indicator), payload: { minimum: { value: '5', level: 'warn' }, maximum: { value: '-5', level: 'warn' } } },
      { status: 400, code: 'INVALID_PLAUSIBILITY_RULES' },
    );
    t.match(response.json().detail, /El mínimo 5 de IE-DSP-NA-26 está por encima de su máximo -5/);
  });

  t.test('given an unknown field, a bad level or a zero scale: 400 VALIDATION_FAILED naming each', async (t) => {
    const indicator = await harness.givenIndicator();
    const response = await harness.rejects(
      t,
      indicator.stream,
      {
        method: 'PUT',
        url: rulesUrl(indicator),
        payload: { minimum: { value: '0', level: 'block' }, ratioCheck: { scale: '0', level: 'warn' }, average: { value: '1', level: 'warn' } },
      },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.minimum.level', 'body.ratioCheck.scale', 'body.average'] },
    );
    t.match(JSON.stringify(response.json().errors), /debe ser mayor que cero/);
  });
});

tap.test('results are judged by the rules in force', async (t) => {
  t.test('given a refusing minimum: a result below it is 422 IMPLAUSIBLE_RESULT naming the rule, the value and the bound', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PUT', url: rulesUrl(indicator), payload: { minimum: { value: '0', level: 'refuse' } } });
    const response = await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '-2' }, headers: { 'accept-language': 'en' } },
      { status: 422, code: 'IMPLAUSIBLE_RESULT' },
    );
    t.match(response.json(), {
      detail: 'The result -2 of IE-DSP-NA-26 for 2021-Q1 is below its minimum 0.',
      details: { code: indicator.code, period: '2021-Q1', rule: 'minimum', value: '-2', bound: '0' },
    });
    const spanish = await app.inject({ method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '-2' } });
    t.equal(spanish.json().detail, 'El resultado -2 de IE-DSP-NA-26 para 2021-Q1 está por debajo de su mínimo 0.');
  });

  t.test('given a warning maximum: the result is stored and answered with its warning, and the indicator shows it', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PUT', url: rulesUrl(indicator), payload: { maximum: { value: '30', level: 'warn' } } });
    const response = await app.inject({ method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '45' } });
    t.equal(response.statusCode, 200, response.body);
    const warned = [{ period: '2021-Q1', kind: 'value', value: '45', warnings: [{ rule: 'maximum', level: 'warn', bound: '30' }] }];
    t.same(response.json().results, warned);
    t.same((await app.inject({ method: 'GET', url: indicator.url })).json().results, warned);
  });

  t.test('given the defaults of a percent: 120 % is accepted with a warning; a result that breaks nothing has no warnings member', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PATCH', url: indicator.url, payload: { changes: { measure: 'percent' } } });
    const over = await app.inject({ method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '120', numerator: '6', denominator: '5' } });
    t.equal(over.statusCode, 200, over.body);
    t.same(over.json().results[0].warnings, [{ rule: 'maximum', level: 'warn', bound: '100' }]);
    const fine = await app.inject({ method: 'PUT', url: resultUrl(indicator, '2021-Q2'), payload: { value: '97.56', numerator: '1282', denominator: '1314' } });
    t.same(fine.json().results[1], { period: '2021-Q2', kind: 'value', value: '97.56', numerator: '1282', denominator: '1314' });
  });
});
