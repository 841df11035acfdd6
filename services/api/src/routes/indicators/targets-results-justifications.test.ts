import tap from 'tap';
import { tokenFor } from '../../testing/auth.js';
import { routeHarness, type IndicatorFixture } from '../../testing/route-test-harness.js';

const harness = await routeHarness(tap);
const { app } = harness;

const targetUrl = (indicator: IndicatorFixture, period: string) => `${indicator.url}/targets/${period}`;
const resultUrl = (indicator: IndicatorFixture, period: string) => `${indicator.url}/results/${period}`;
const justificationsUrl = (indicator: IndicatorFixture, period: string) => `${indicator.url}/justifications/${period}`;

const eventsAfter = async (indicator: IndicatorFixture, version: number) =>
  (await app.inject({ method: 'GET', url: `${indicator.url}/events?afterVersion=${version}` })).json().events;

tap.test('PUT …/targets/{period} sets and revises a target', async (t) => {
  t.test('given an indicator, a negative target (a financial gap) and a negative result: 200, kept as written', async (t) => {
    const indicator = await harness.givenIndicator();
    const target = await app.inject({ method: 'PUT', url: targetUrl(indicator, '2021-Q1'), payload: { value: '-375123611' } });
    t.equal(target.statusCode, 200);
    t.match(target.json(), { targets: [{ period: '2021-Q1', value: '-375123611' }] });
    const result = await app.inject({ method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '-300000000.5' } });
    t.equal(result.statusCode, 200, result.body);
    t.match(await eventsAfter(indicator, 1), [
      { type: 'TargetSet', data: { period: '2021-Q1', value: '-375123611' } },
      { type: 'ResultReported', data: { period: '2021-Q1', value: '-300000000.5' } },
    ]);
  });

  t.test('given an indicator, a target: 200, the target in the indicator, the new ETag', async (t) => {
    const indicator = await harness.givenIndicator();
    const response = await app.inject({ method: 'PUT', url: targetUrl(indicator, '2021-Q2'), payload: { value: '10' }, headers: { 'if-match': '"1"' } });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"2"');
    t.match(response.json(), { targets: [{ period: '2021-Q2', value: '10' }], write: { version: 2, appended: 1, position: /^\d+:\d+$/ } });
    t.match(await eventsAfter(indicator, 1), [{ type: 'TargetSet', data: { period: '2021-Q2', value: '10' } }]);
  });

  t.test('given the same PUT twice (a retry), one event; the second answers 200, appended 0, the same ETag', async (t) => {
    const indicator = await harness.givenIndicator();
    const request = { method: 'PUT' as const, url: targetUrl(indicator, '2021-Q1'), payload: { value: '10' } };
    const first = await app.inject(request);
    const second = await app.inject(request);
    t.equal(first.statusCode, 200);
    t.equal(second.statusCode, 200);
    t.equal(second.headers.etag, first.headers.etag);
    t.same(second.json().write, { version: 2, appended: 0, position: null });
    t.equal(await harness.streamVersion(indicator.stream), 2, 'one event for two requests');
  });

  t.test('given a target, a revision with a reason keeps both values and the reason', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PUT', url: targetUrl(indicator, '2021-Q1'), payload: { value: '10' } });
    const director = await tokenFor(app, indicator.plan.body.institutionId, 'planner', { label: 'Director de planificación' });
    const revised = await app.inject({
      method: 'PUT',
      url: targetUrl(indicator, '2021-Q1'),
      payload: { value: '12.5', reason: 'Reprogramación aprobada por el Consejo' },
      headers: { ...director.headers, 'if-match': '"2"' },
    });
    t.equal(revised.statusCode, 200);
    t.same(revised.json().targets, [{ period: '2021-Q1', value: '12.5' }]);
    t.match(await eventsAfter(indicator, 2), [
      {
        type: 'TargetRevised',
        data: { period: '2021-Q1', value: '12.5', previousValue: '10' },
        metadata: { actor: { id: director.tokenId, role: 'planner' }, reason: 'Reprogramación aprobada por el Consejo' },
      },
    ]);
  });

  t.test('given a target, a revision without a reason is 422 REASON_REQUIRED and appends nothing', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PUT', url: targetUrl(indicator, '2021-Q1'), payload: { value: '10' } });
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: targetUrl(indicator, '2021-Q1'), payload: { value: '11' } },
      { status: 422, code: 'REASON_REQUIRED' },
    );
  });

  t.test('given a period outside the plan year, 422 PERIOD_OUTSIDE_PLAN_YEAR', async (t) => {
    const indicator = await harness.givenIndicator();
    const response = await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: targetUrl(indicator, '2022-Q1'), payload: { value: '10' } },
      {
        status: 422,
        code: 'PERIOD_OUTSIDE_PLAN_YEAR',
      },
    );
    t.match(response.json().details, { period: '2022-Q1', fiscalYear: 2021 });
  });

  t.test('given a period of another periodicity, 422 PERIOD_NOT_OF_PERIODICITY', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: targetUrl(indicator, '2021-M03'), payload: { value: '10' } },
      {
        status: 422,
        code: 'PERIOD_NOT_OF_PERIODICITY',
      },
    );
  });

  t.test('given a malformed decimal or period, 400 naming the field', async (t) => {
    const indicator = await harness.givenIndicator();
    for (const value of ['1,5', '-0', '+3', '- 3', '.5', '1e3']) {
      await harness.rejects(
        t,
        indicator.stream,
        { method: 'PUT', url: targetUrl(indicator, '2021-Q1'), payload: { value } },
        {
          status: 400,
          code: 'VALIDATION_FAILED',
          paths: ['body.value'],
        },
      );
    }
    // A JSON number is taken as the decimal its text writes (10 is "10", -10 is "-10"); one with more decimals than a target holds is refused, never rounded.
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: targetUrl(indicator, '2021-Q1'), payload: '{"value": 1.12345678901}', headers: { 'content-type': 'application/json' } },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.value'],
      },
    );
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: targetUrl(indicator, '2021-Q5'), payload: { value: '10' } },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['params.period'],
      },
    );
  });

  t.test('given a stale If-Match, 412 with the current ETag and nothing appended', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PUT', url: targetUrl(indicator, '2021-Q1'), payload: { value: '10' } });
    const response = await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: targetUrl(indicator, '2021-Q2'), payload: { value: '10' }, headers: { 'if-match': '"1"' } },
      { status: 412, code: 'PRECONDITION_FAILED' },
    );
    t.match(response.json().details, { currentETag: '"2"' });
  });

  t.test('given a retired indicator, 409 INDICATOR_RETIRED', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'POST', url: `${indicator.url}/retirement`, payload: { reason: 'Fuera del catálogo' } });
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: targetUrl(indicator, '2021-Q1'), payload: { value: '10' } },
      { status: 409, code: 'INDICATOR_RETIRED' },
    );
  });

  t.test('given an unknown indicator, 404 INDICATOR_NOT_FOUND', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      `indicator-${indicator.plan.id}/IE-NOPE`,
      { method: 'PUT', url: `${indicator.plan.url}/indicators/IE-NOPE/targets/2021-Q1`, payload: { value: '10' } },
      { status: 404, code: 'INDICATOR_NOT_FOUND' },
    );
  });
});

tap.test('PUT …/results/{period} reports, corrects, or reports no data', async (t) => {
  t.test('given an indicator, a result with its ratio: 200 and the result in the indicator', async (t) => {
    const indicator = await harness.givenIndicator();
    const response = await app.inject({
      method: 'PUT',
      url: resultUrl(indicator, '2021-Q1'),
      payload: { value: '8.2', numerator: '820', denominator: '100' },
      headers: { 'if-match': '"1"' },
    });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"2"');
    t.same(response.json().results, [{ period: '2021-Q1', kind: 'value', value: '8.2', numerator: '820', denominator: '100' }]);
  });

  t.test('given the same result twice (a retry), one event; the second is 200 with appended 0', async (t) => {
    const indicator = await harness.givenIndicator();
    const request = { method: 'PUT' as const, url: resultUrl(indicator, '2021-Q1'), payload: { value: '8.2' } };
    t.equal((await app.inject(request)).statusCode, 200);
    const again = await app.inject({ ...request, payload: { value: '8.20' } });
    t.equal(again.statusCode, 200);
    t.same(again.json().write, { version: 2, appended: 0, position: null }, '8.20 is the same number as 8.2');
    t.equal(await harness.streamVersion(indicator.stream), 2);
  });

  t.test('given a result, a correction with a reason is a ResultCorrected with both values', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '8.2' } });
    const corrected = await app.inject({
      method: 'PUT',
      url: resultUrl(indicator, '2021-Q1'),
      payload: { value: '9.1', reason: 'Se omitieron 12 expedientes' },
    });
    t.equal(corrected.statusCode, 200);
    t.match(await eventsAfter(indicator, 2), [
      { type: 'ResultCorrected', data: { value: '9.1', previousValue: '8.2' }, metadata: { reason: 'Se omitieron 12 expedientes' } },
    ]);
  });

  t.test('given a result, a correction without a reason is 422 REASON_REQUIRED', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '8.2' } });
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '9.1' } },
      { status: 422, code: 'REASON_REQUIRED' },
    );
  });

  t.test('given no data with a reason: 200, the period shows no data; again is appended 0', async (t) => {
    const indicator = await harness.givenIndicator();
    const payload = { noData: true, reason: 'El sistema de pensiones estuvo fuera de servicio' };
    const response = await app.inject({ method: 'PUT', url: resultUrl(indicator, '2021-Q2'), payload });
    t.equal(response.statusCode, 200);
    t.same(response.json().results, [{ period: '2021-Q2', kind: 'no-data' }]);
    t.match(await eventsAfter(indicator, 1), [{ type: 'NoDataReported', metadata: { reason: payload.reason } }]);
    const again = await app.inject({ method: 'PUT', url: resultUrl(indicator, '2021-Q2'), payload });
    t.equal(again.json().write.appended, 0);
  });

  t.test('given no data without a reason, 400 on body.reason; with a value too, 400 on body.value', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { noData: true } },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.reason'],
      },
    );
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { noData: true, reason: 'x', value: '1' } },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.value'],
      },
    );
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: {} },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.value'],
      },
    );
  });

  t.test('given a numerator without a denominator, 400 INCOMPLETE_RATIO', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '8.2', numerator: '820' } },
      {
        status: 400,
        code: 'INCOMPLETE_RATIO',
      },
    );
  });

  t.test('given a malformed decimal, 400 on body.value', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '8,2', denominator: 'cien' } },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.denominator', 'body.value'],
      },
    );
  });

  t.test('given a period outside the year or of another periodicity, 422 with its code', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2020-Q4'), payload: { value: '1' } },
      {
        status: 422,
        code: 'PERIOD_OUTSIDE_PLAN_YEAR',
      },
    );
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2021-S1'), payload: { value: '1' } },
      {
        status: 422,
        code: 'PERIOD_NOT_OF_PERIODICITY',
      },
    );
  });

  t.test('given a retired indicator, 409 INDICATOR_RETIRED', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'POST', url: `${indicator.url}/retirement`, payload: { reason: 'Fuera del catálogo' } });
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '1' } },
      { status: 409, code: 'INDICATOR_RETIRED' },
    );
  });

  t.test('given a stale If-Match, 412 and nothing appended; an unknown plan, 404', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: resultUrl(indicator, '2021-Q1'), payload: { value: '1' }, headers: { 'if-match': '"2"' } },
      {
        status: 412,
        code: 'PRECONDITION_FAILED',
      },
    );
    const elsewhere = harness.newIndicator();
    await harness.rejects(
      t,
      elsewhere.stream,
      { method: 'PUT', url: resultUrl(elsewhere, '2021-Q1'), payload: { value: '1' } },
      { status: 404, code: 'PLAN_NOT_FOUND' },
    );
  });

  t.test('results and targets are listed in period order', async (t) => {
    const indicator = await harness.givenIndicator();
    for (const period of ['2021-Q4', '2021-Q1', '2021-Q3']) {
      await app.inject({ method: 'PUT', url: targetUrl(indicator, period), payload: { value: '10' } });
      await app.inject({ method: 'PUT', url: resultUrl(indicator, period), payload: { value: '9' } });
    }
    const read = (await app.inject({ method: 'GET', url: indicator.url })).json();
    t.same(
      read.targets.map((target: { period: string }) => target.period),
      ['2021-Q1', '2021-Q3', '2021-Q4'],
    );
    t.same(
      read.results.map((result: { period: string }) => result.period),
      ['2021-Q1', '2021-Q3', '2021-Q4'],
    );
  });
});

tap.test('POST …/justifications/{period} adds a justification with corrective actions', async (t) => {
  const justification = {
    text: 'La demanda de liquidaciones creció 40 % con la reforma.',
    correctiveActions: [{ action: 'Contratar dos analistas temporales', owner: 'Jefatura DSP', dueDate: '2021-06-30' }],
  };

  t.test("given an indicator, then 201, Location of the period's justifications, the count, and they read back", async (t) => {
    const indicator = await harness.givenIndicator();
    const jefe = await tokenFor(app, indicator.plan.body.institutionId, 'reporter', { units: ['DSP'], label: 'Jefe DSP' });
    const response = await app.inject({
      method: 'POST',
      url: justificationsUrl(indicator, '2021-Q1'),
      payload: justification,
      headers: { ...jefe.headers, 'if-match': '"1"' },
    });
    t.equal(response.statusCode, 201);
    t.equal(response.headers.location, justificationsUrl(indicator, '2021-Q1'));
    t.equal(response.headers.etag, '"2"');
    t.match(response.json(), { justificationCount: 1, write: { version: 2, appended: 1 } });

    const second = await app.inject({
      method: 'POST',
      url: justificationsUrl(indicator, '2021-Q1'),
      payload: { text: 'Además, hubo incapacidades.' },
      headers: jefe.headers,
    });
    t.equal(second.statusCode, 201);
    const read = await app.inject({ method: 'GET', url: response.headers.location! });
    t.equal(read.statusCode, 200);
    t.equal(read.headers.etag, '"3"');
    t.same(read.json(), {
      planId: indicator.plan.id,
      code: 'IE-DSP-NA-26',
      period: '2021-Q1',
      justifications: [
        { number: 1, ...justification, actor: jefe.tokenId, recordedAt: '2021-04-05T10:00:00.000Z' },
        { number: 2, text: 'Además, hubo incapacidades.', correctiveActions: [], actor: jefe.tokenId, recordedAt: '2021-04-05T10:00:00.000Z' },
      ],
      version: 3,
    });
    const otherPeriod = await app.inject({ method: 'GET', url: justificationsUrl(indicator, '2021-Q2') });
    t.same(otherPeriod.json().justifications, [], 'another period has none');
    const notModified = await app.inject({ method: 'GET', url: justificationsUrl(indicator, '2021-Q1'), headers: { 'if-none-match': '"3"' } });
    t.equal(notModified.statusCode, 304);
  });

  t.test('given a retry with the ETag read before, the second is 412 and adds nothing', async (t) => {
    const indicator = await harness.givenIndicator();
    const request = { method: 'POST' as const, url: justificationsUrl(indicator, '2021-Q1'), payload: justification, headers: { 'if-match': '"1"' } };
    t.equal((await app.inject(request)).statusCode, 201);
    await harness.rejects(t, indicator.stream, request, { status: 412, code: 'PRECONDITION_FAILED' });
  });

  t.test('given a period outside the plan year, 422 PERIOD_OUTSIDE_PLAN_YEAR', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: justificationsUrl(indicator, '2022-Q1'), payload: justification },
      {
        status: 422,
        code: 'PERIOD_OUTSIDE_PLAN_YEAR',
      },
    );
  });

  t.test('given an impossible due date and no text, 400 naming both', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: justificationsUrl(indicator, '2021-Q1'), payload: { correctiveActions: [{ action: 'x', owner: 'y', dueDate: '2021-02-30' }] } },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.correctiveActions[0].dueDate', 'body.text'] },
    );
  });

  t.test('given an unknown indicator, 404 INDICATOR_NOT_FOUND, for the POST and the GET', async (t) => {
    const indicator = await harness.givenIndicator();
    const url = `${indicator.plan.url}/indicators/IE-NOPE/justifications/2021-Q1`;
    await harness.rejects(
      t,
      `indicator-${indicator.plan.id}/IE-NOPE`,
      { method: 'POST', url, payload: justification },
      { status: 404, code: 'INDICATOR_NOT_FOUND' },
    );
    const read = await app.inject({ method: 'GET', url });
    t.equal(read.statusCode, 404);
    t.equal(read.json().code, 'INDICATOR_NOT_FOUND');
  });
});

tap.test('the OpenAPI document declares every indicator route with its statuses', async (t) => {
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const statuses = (path: string, method: string): string[] => Object.keys(document.paths[path][method].responses).sort();
  const base = '/v1/plans/{planId}/indicators';
  // 401, 403 and 429 come with authentication, on every /v1 route.
  t.same(statuses(base, 'post'), ['201', '400', '401', '403', '404', '409', '412', '413', '415', '422', '429', '503']);
  t.same(statuses(`${base}/{code}`, 'patch'), ['200', '400', '401', '403', '404', '409', '412', '413', '415', '422', '429', '503']);
  t.same(statuses(`${base}/{code}/retirement`, 'post'), ['200', '400', '401', '403', '404', '412', '413', '415', '429', '503']);
  t.same(statuses(`${base}/{code}/targets/{period}`, 'put'), ['200', '400', '401', '403', '404', '409', '412', '413', '415', '422', '429', '503']);
  t.same(statuses(`${base}/{code}/results/{period}`, 'put'), ['200', '400', '401', '403', '404', '409', '412', '413', '415', '422', '429', '503']);
  t.same(statuses(`${base}/{code}/justifications/{period}`, 'post'), ['201', '400', '401', '403', '404', '412', '413', '415', '422', '429', '503']);
  for (const path of [`${base}/{code}`, `${base}/{code}/events`, `${base}/{code}/justifications/{period}`]) {
    t.same(statuses(path, 'get'), ['200', '304', '400', '401', '403', '404', '429', '503'], path);
  }
  const resultBody = document.paths[`${base}/{code}/results/{period}`].put.requestBody.content['application/json'].schema;
  t.same(Object.keys(resultBody.properties).sort(), ['denominator', 'noData', 'numerator', 'reason', 'value'], 'both forms of a result are documented');
});
