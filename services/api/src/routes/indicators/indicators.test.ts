import tap from 'tap';
import { tokenFor } from '../../testing/auth.js';
import { indicatorBody, routeHarness } from '../../testing/route-test-harness.js';

const harness = await routeHarness(tap);
const { app } = harness;

tap.test('POST /v1/plans/{planId}/indicators registers an indicator', async (t) => {
  t.test('given a plan with its perspective and unit, then 201, Location, ETag "1" and the indicator', async (t) => {
    const plan = await harness.givenPlan();
    const indicator = harness.newIndicator(plan);
    const planner = await tokenFor(app, plan.body.institutionId, 'planner');
    const response = await app.inject({ method: 'POST', url: `${indicator.plan.url}/indicators`, payload: indicatorBody, headers: planner.headers });
    t.equal(response.statusCode, 201);
    t.equal(response.headers.location, indicator.url);
    t.equal(response.headers.etag, '"1"');
    const { code, ...definition } = indicatorBody;
    t.same(response.json(), {
      planId: indicator.plan.id,
      code,
      status: 'active',
      definition,
      targets: [],
      results: [],
      justificationCount: 0,
      version: 1,
      write: { version: 1, appended: 1, position: response.json().write.position },
    });

    const read = await app.inject({ method: 'GET', url: response.headers.location! });
    t.equal(read.statusCode, 200);
    t.equal(read.headers.etag, '"1"');
    const { write: _write, ...registered } = response.json();
    t.same(read.json(), registered, 'reading it back gives the same indicator');
  });

  t.test('given the code again (a retry), 409 DUPLICATE_INDICATOR_CODE and nothing appended', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: `${indicator.plan.url}/indicators`, payload: indicatorBody },
      {
        status: 409,
        code: 'DUPLICATE_INDICATOR_CODE',
      },
    );
  });

  t.test('given a perspective the plan lacks, 422 UNKNOWN_PERSPECTIVE', async (t) => {
    const plan = await harness.givenPlan();
    const indicator = harness.newIndicator(plan);
    const response = await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: `${indicator.plan.url}/indicators`, payload: { ...indicatorBody, perspective: 'aprendizaje' } },
      {
        status: 422,
        code: 'UNKNOWN_PERSPECTIVE',
      },
    );
    t.same(response.json().details, { perspective: 'aprendizaje', known: ['usuarios', 'financiera'] }, 'the answer lists the perspectives there are');
  });

  t.test('given a unit the plan lacks, 422 UNKNOWN_UNIT', async (t) => {
    const plan = await harness.givenPlan();
    const indicator = harness.newIndicator(plan);
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: `${indicator.plan.url}/indicators`, payload: { ...indicatorBody, unit: 'DNGF' } },
      {
        status: 422,
        code: 'UNKNOWN_UNIT',
      },
    );
  });

  t.test('given no such plan, 404 PLAN_NOT_FOUND', async (t) => {
    const indicator = harness.newIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: `${indicator.plan.url}/indicators`, payload: indicatorBody },
      { status: 404, code: 'PLAN_NOT_FOUND' },
    );
  });

  t.test('given If-Match, 412: an indicator that does not exist yet matches no ETag', async (t) => {
    const plan = await harness.givenPlan();
    const indicator = harness.newIndicator(plan);
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: `${indicator.plan.url}/indicators`, payload: indicatorBody, headers: { 'if-match': '"2"' } },
      {
        status: 412,
        code: 'PRECONDITION_FAILED',
      },
    );
  });

  t.test('given invalid fields, 400 naming each one', async (t) => {
    const plan = await harness.givenPlan();
    const indicator = harness.newIndicator(plan);
    await harness.rejects(
      t,
      indicator.stream,
      {
        method: 'POST',
        url: `${indicator.plan.url}/indicators`,
        payload: { ...indicatorBody, measure: 'litres', periodicity: 'weekly', polarity: 'up', decimals: 9, formula: '' },
      },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.measure', 'body.periodicity', 'body.polarity', 'body.decimals', 'body.formula'] },
    );
  });
});

tap.test('PATCH /v1/plans/{planId}/indicators/{code} amends the definition', async (t) => {
  t.test('given an indicator, a change with a reason: 200, the new definition, the reason and both values in the event', async (t) => {
    const indicator = await harness.givenIndicator();
    const response = await app.inject({
      method: 'PATCH',
      url: indicator.url,
      payload: { changes: { name: 'Tiempo promedio de liquidación', decimals: 1 }, reason: 'Nombre del catálogo 2021' },
      headers: { 'if-match': '"1"' },
    });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"2"');
    t.match(response.json(), { definition: { name: 'Tiempo promedio de liquidación', decimals: 1 }, write: { version: 2, appended: 1 } });

    const events = (await app.inject({ method: 'GET', url: `${indicator.url}/events?afterVersion=1` })).json().events;
    t.match(events, [
      {
        type: 'IndicatorAmended',
        data: { changes: { name: 'Tiempo promedio de liquidación', decimals: 1 }, previous: { name: indicatorBody.name, decimals: null } },
        metadata: { reason: 'Nombre del catálogo 2021' },
      },
    ]);

    const cleared = await app.inject({ method: 'PATCH', url: indicator.url, payload: { changes: { decimals: null } } });
    t.equal(cleared.statusCode, 200);
    t.notOk('decimals' in cleared.json().definition, 'null clears an optional field');
  });

  t.test('given the values it already has (a retry), 200 with appended 0 and the same ETag', async (t) => {
    const indicator = await harness.givenIndicator();
    const request = { method: 'PATCH' as const, url: indicator.url, payload: { changes: { formula: 'Días hábiles' } } };
    t.equal((await app.inject(request)).statusCode, 200);
    const again = await app.inject(request);
    t.equal(again.statusCode, 200);
    t.equal(again.headers.etag, '"2"');
    t.same(again.json().write, { version: 2, appended: 0, position: null });
    t.equal(await harness.streamVersion(indicator.stream), 2);
  });

  t.test('given no change at all, 400 NOTHING_TO_CHANGE', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(t, indicator.stream, { method: 'PATCH', url: indicator.url, payload: { changes: {} } }, { status: 400, code: 'NOTHING_TO_CHANGE' });
  });

  t.test('given a unit or perspective the plan lacks, 422', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PATCH', url: indicator.url, payload: { changes: { unit: 'NOPE' } } },
      { status: 422, code: 'UNKNOWN_UNIT' },
    );
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PATCH', url: indicator.url, payload: { changes: { perspective: 'NOPE' } } },
      {
        status: 422,
        code: 'UNKNOWN_PERSPECTIVE',
      },
    );
  });

  t.test('given a target, the periodicity is locked: 409 PERIODICITY_LOCKED', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PUT', url: `${indicator.url}/targets/2021-Q1`, payload: { value: '10' } });
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PATCH', url: indicator.url, payload: { changes: { periodicity: 'monthly' } } },
      {
        status: 409,
        code: 'PERIODICITY_LOCKED',
      },
    );
  });

  t.test('given a stale If-Match, 412 and nothing appended', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'PATCH', url: indicator.url, payload: { changes: { formula: 'Otra' } } });
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PATCH', url: indicator.url, payload: { changes: { formula: 'Mía' } }, headers: { 'if-match': '"1"' } },
      {
        status: 412,
        code: 'PRECONDITION_FAILED',
      },
    );
  });

  t.test('given an unknown indicator, 404 INDICATOR_NOT_FOUND; an unknown plan, 404 PLAN_NOT_FOUND', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      `indicator-${indicator.plan.id}/IE-NOPE`,
      { method: 'PATCH', url: `${indicator.plan.url}/indicators/IE-NOPE`, payload: { changes: { formula: 'x' } } },
      {
        status: 404,
        code: 'INDICATOR_NOT_FOUND',
      },
    );
    const elsewhere = harness.newIndicator();
    await harness.rejects(
      t,
      elsewhere.stream,
      { method: 'PATCH', url: elsewhere.url, payload: { changes: { formula: 'x' } }, headers: { 'if-match': '"1"' } },
      { status: 404, code: 'PLAN_NOT_FOUND' },
    );
  });

  t.test('given a kind that does not exist, 400 on body.changes.kind', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PATCH', url: indicator.url, payload: { changes: { kind: 'impact' } } },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.changes.kind'],
      },
    );
  });
});

tap.test('POST /v1/plans/{planId}/indicators/{code}/retirement retires an indicator', async (t) => {
  const retirement = (indicator: { url: string }) => `${indicator.url}/retirement`;

  t.test('given an indicator, then 200, status retired, the reason recorded; again is 200 with appended 0', async (t) => {
    const indicator = await harness.givenIndicator();
    const response = await app.inject({
      method: 'POST',
      url: retirement(indicator),
      payload: { reason: 'Sustituido por IE-DSP-NA-27' },
      headers: { 'if-match': '"1"' },
    });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"2"');
    t.match(response.json(), { status: 'retired', write: { version: 2, appended: 1 } });
    const events = (await app.inject({ method: 'GET', url: `${indicator.url}/events` })).json().events;
    t.match(events.at(-1), { type: 'IndicatorRetired', metadata: { reason: 'Sustituido por IE-DSP-NA-27' } });

    const again = await app.inject({ method: 'POST', url: retirement(indicator), payload: { reason: 'Reintento' } });
    t.equal(again.statusCode, 200);
    t.same(again.json().write, { version: 2, appended: 0, position: null });
  });

  t.test('given a retired indicator, amendments are 409 INDICATOR_RETIRED', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'POST', url: retirement(indicator), payload: { reason: 'Fuera del catálogo' } });
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'PATCH', url: indicator.url, payload: { changes: { formula: 'x' } } },
      {
        status: 409,
        code: 'INDICATOR_RETIRED',
      },
    );
  });

  t.test('given no reason, 400 on body.reason', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: retirement(indicator), payload: {} },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.reason'] },
    );
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: retirement(indicator), payload: { reason: '   ' } },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.reason'] },
    );
  });

  t.test('given a stale If-Match, 412; an unknown indicator, 404', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: retirement(indicator), payload: { reason: 'x' }, headers: { 'if-match': '"7"' } },
      {
        status: 412,
        code: 'PRECONDITION_FAILED',
      },
    );
    await harness.rejects(
      t,
      `indicator-${indicator.plan.id}/IE-NOPE`,
      { method: 'POST', url: `${indicator.plan.url}/indicators/IE-NOPE/retirement`, payload: { reason: 'x' } },
      {
        status: 404,
        code: 'INDICATOR_NOT_FOUND',
      },
    );
  });
});

tap.test('GET /v1/plans/{planId}/indicators/{code} and its events', async (t) => {
  const indicator = await harness.givenIndicator();

  t.test('the indicator answers with its ETag; If-None-Match with it is 304', async (t) => {
    const read = await app.inject({ method: 'GET', url: indicator.url });
    t.equal(read.statusCode, 200);
    t.equal(read.headers.etag, '"1"');
    const notModified = await app.inject({ method: 'GET', url: indicator.url, headers: { 'if-none-match': '"1"' } });
    t.equal(notModified.statusCode, 304);
    t.equal(notModified.body, '');
  });

  t.test('an unknown indicator is 404 INDICATOR_NOT_FOUND, in an unknown plan 404 PLAN_NOT_FOUND', async (t) => {
    for (const suffix of ['', '/events']) {
      const missing = await app.inject({ method: 'GET', url: `${indicator.plan.url}/indicators/IE-NOPE${suffix}` });
      t.equal(missing.statusCode, 404);
      t.equal(missing.json().code, 'INDICATOR_NOT_FOUND');
      const plan = await app.inject({ method: 'GET', url: `${harness.newIndicator().url}${suffix}` });
      t.equal(plan.statusCode, 404);
      t.equal(plan.json().code, 'PLAN_NOT_FOUND');
    }
  });

  t.test('a malformed code is 400 on params.code, never 500', async (t) => {
    const response = await app.inject({ method: 'GET', url: `${indicator.plan.url}/indicators/${encodeURIComponent('IE DSP')}` });
    t.equal(response.statusCode, 400);
    t.same(
      response.json().errors.map((e: { path: string }) => e.path),
      ['params.code'],
    );
  });

  t.test('the events carry the registration with its actor and hash chain start', async (t) => {
    const response = await app.inject({ method: 'GET', url: `${indicator.url}/events` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"1"');
    t.match(response.json(), {
      streamName: indicator.stream,
      version: 1,
      events: [{ type: 'IndicatorRegistered', streamVersion: 1, previousHash: '0'.repeat(64), metadata: { actor: { role: 'admin' }, source: 'api' } }],
    });
  });
});
