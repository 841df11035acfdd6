import tap from 'tap';
import { tokenFor } from '../../testing/auth.js';
import { routeHarness } from '../../testing/route-test-harness.js';

const harness = await routeHarness(tap);
const { app } = harness;

const unitBody = { code: 'DSP', name: 'Departamento de Pensiones', areaClass: 'administrative' };

tap.test('POST /v1/plans opens a plan', async (t) => {
  t.test('given no plan, when a planner opens one, then 201 with Location, ETag and the plan with the default scale', async (t) => {
    const plan = harness.newPlan();
    const planner = await tokenFor(app, plan.body.institutionId, 'planner');
    const response = await app.inject({ method: 'POST', url: '/v1/plans', payload: plan.body, headers: planner.headers });
    t.equal(response.statusCode, 201);
    t.equal(response.headers.location, plan.url);
    t.equal(response.headers.etag, '"1"');
    t.match(response.json(), {
      planId: plan.id,
      institutionId: plan.body.institutionId,
      fiscalYear: 2021,
      fiscalYearStartMonth: 1,
      perspectives: plan.body.perspectives,
      units: [],
      evaluationScale: { criticalBelow: '85', goodAbove: '99' },
      evaluationMethod: 'v1',
      version: 1,
      write: { version: 1, appended: 1, position: /^\d+:\d+$/ },
    });

    const read = await app.inject({ method: 'GET', url: plan.url });
    t.equal(read.statusCode, 200);
    t.equal(read.headers.etag, '"1"');
    const { write: _write, ...opened } = response.json();
    t.same(read.json(), opened, 'reading it back gives the same plan');
  });

  t.test('given a scale, the plan keeps it', async (t) => {
    const plan = harness.newPlan();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/plans',
      payload: { ...plan.body, evaluationScale: { criticalBelow: '80', goodAbove: '95.5' } },
    });
    t.equal(response.statusCode, 201);
    t.same(response.json().evaluationScale, { criticalBelow: '80', goodAbove: '95.5' });
  });

  t.test('given the same request twice (a retry), the second is 409 PLAN_ALREADY_OPENED and appends nothing', async (t) => {
    const plan = harness.newPlan();
    t.equal((await app.inject({ method: 'POST', url: '/v1/plans', payload: plan.body })).statusCode, 201);
    await harness.rejects(t, plan.stream, { method: 'POST', url: '/v1/plans', payload: plan.body }, { status: 409, code: 'PLAN_ALREADY_OPENED' });
  });

  t.test('given invalid fields, 400 naming each one, and nothing is appended', async (t) => {
    await harness.rejects(
      t,
      'plan-UPISSS-21',
      {
        method: 'POST',
        url: '/v1/plans',
        payload: { institutionId: 'UPISSS', fiscalYear: 21, name: ' ', perspectives: [], evaluationScale: { criticalBelow: '85%', goodAbove: '99' } },
      },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.institutionId', 'body.fiscalYear', 'body.name', 'body.perspectives', 'body.evaluationScale.criticalBelow'],
      },
    );
  });

  t.test('given a scale whose thresholds are crossed, 400 on body.evaluationScale.goodAbove', async (t) => {
    const plan = harness.newPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'POST', url: '/v1/plans', payload: { ...plan.body, evaluationScale: { criticalBelow: '99', goodAbove: '85' } } },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.evaluationScale.goodAbove'] },
    );
  });

  t.test('given the same perspective twice, 409 DUPLICATE_PERSPECTIVE', async (t) => {
    const plan = harness.newPlan();
    const [first] = plan.body.perspectives;
    await harness.rejects(
      t,
      plan.stream,
      { method: 'POST', url: '/v1/plans', payload: { ...plan.body, perspectives: [first, first] } },
      {
        status: 409,
        code: 'DUPLICATE_PERSPECTIVE',
      },
    );
  });

  t.test('given If-Match, 412: a plan that does not exist yet matches no ETag', async (t) => {
    const plan = harness.newPlan();
    for (const ifMatch of ['*', '"1"']) {
      await harness.rejects(
        t,
        plan.stream,
        { method: 'POST', url: '/v1/plans', payload: plan.body, headers: { 'if-match': ifMatch } },
        {
          status: 412,
          code: 'PRECONDITION_FAILED',
        },
      );
    }
  });

  t.test('given a malformed If-Match, 400 INVALID_IF_MATCH rather than no precondition', async (t) => {
    const plan = harness.newPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'POST', url: '/v1/plans', payload: plan.body, headers: { 'if-match': '1' } },
      {
        status: 400,
        code: 'INVALID_IF_MATCH',
      },
    );
  });
});

tap.test('POST /v1/plans/{planId}/perspectives adds a perspective', async (t) => {
  const perspective = { code: 'procesos', name: 'Procesos Internos' };

  t.test('given a plan, then 201, Location of the perspective, the plan with it last, and the new ETag', async (t) => {
    const plan = await harness.givenPlan();
    const response = await app.inject({ method: 'POST', url: `${plan.url}/perspectives`, payload: perspective, headers: { 'if-match': '"2"' } });
    t.equal(response.statusCode, 201);
    t.equal(response.headers.location, `${plan.url}/perspectives/procesos`);
    t.equal(response.headers.etag, '"3"');
    t.same(
      response.json().perspectives.map((p: { code: string }) => p.code),
      ['usuarios', 'financiera', 'procesos'],
    );
    t.match(response.json().write, { version: 3, appended: 1 });

    const located = await app.inject({ method: 'GET', url: response.headers.location! });
    t.equal(located.statusCode, 200);
    t.same(located.json(), perspective);
    t.equal(located.headers.etag, '"3"', "a perspective has its plan's ETag");
  });

  t.test('given a code the plan has, 409 DUPLICATE_PERSPECTIVE', async (t) => {
    const plan = await harness.givenPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'POST', url: `${plan.url}/perspectives`, payload: { code: 'usuarios', name: 'Otra' } },
      {
        status: 409,
        code: 'DUPLICATE_PERSPECTIVE',
      },
    );
  });

  t.test('given a stale If-Match, 412 with the current ETag, and nothing appended', async (t) => {
    const plan = await harness.givenPlan();
    const response = await harness.rejects(
      t,
      plan.stream,
      { method: 'POST', url: `${plan.url}/perspectives`, payload: perspective, headers: { 'if-match': '"1"' } },
      { status: 412, code: 'PRECONDITION_FAILED' },
    );
    t.match(response.json().details, { currentETag: '"2"' });
  });

  t.test('given If-Match: * on an existing plan, it applies', async (t) => {
    const plan = await harness.givenPlan();
    const response = await app.inject({ method: 'POST', url: `${plan.url}/perspectives`, payload: perspective, headers: { 'if-match': '*' } });
    t.equal(response.statusCode, 201);
  });

  t.test('given no such plan, 404 PLAN_NOT_FOUND, with or without If-Match', async (t) => {
    const plan = harness.newPlan();
    for (const headers of [{}, { 'if-match': '"1"' }, { 'if-match': '*' }]) {
      await harness.rejects(
        t,
        plan.stream,
        { method: 'POST', url: `${plan.url}/perspectives`, payload: perspective, headers },
        {
          status: 404,
          code: 'PLAN_NOT_FOUND',
        },
      );
    }
  });

  t.test('given a bad plan id, 400 on params.planId; a bad code, 400 on body.code', async (t) => {
    const plan = await harness.givenPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'POST', url: '/v1/plans/Upisss/perspectives', payload: perspective },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['params.planId'],
      },
    );
    await harness.rejects(
      t,
      plan.stream,
      { method: 'POST', url: `${plan.url}/perspectives`, payload: { code: 'a b', name: 'X' } },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.code'],
      },
    );
  });
});

tap.test('POST /v1/plans/{planId}/units defines a unit', async (t) => {
  t.test('given a plan, a division then a unit under it: 201 each, Location of the unit, units in the plan', async (t) => {
    const plan = harness.newPlan();
    await app.inject({ method: 'POST', url: '/v1/plans', payload: plan.body });
    const url = `${plan.url}/units`;
    const division = await app.inject({ method: 'POST', url, payload: { code: 'DNGF', name: 'División de Gestión Financiera', areaClass: 'administrative' } });
    t.equal(division.statusCode, 201);
    t.equal(division.headers.location, `${url}/DNGF`);
    const unit = await app.inject({ method: 'POST', url, payload: { ...unitBody, parentCode: 'DNGF' }, headers: { 'if-match': division.headers.etag! } });
    t.equal(unit.statusCode, 201);
    t.equal(unit.headers.etag, '"3"');
    t.same(unit.json().units, [
      { code: 'DNGF', name: 'División de Gestión Financiera', parentCode: null, areaClass: 'administrative' },
      { code: 'DSP', name: 'Departamento de Pensiones', parentCode: 'DNGF', areaClass: 'administrative' },
    ]);

    const located = await app.inject({ method: 'GET', url: unit.headers.location! });
    t.equal(located.statusCode, 200);
    t.same(located.json(), { code: 'DSP', name: 'Departamento de Pensiones', parentCode: 'DNGF', areaClass: 'administrative' });
  });

  t.test('given a parent that is not defined, 422 UNKNOWN_PARENT_UNIT', async (t) => {
    const plan = await harness.givenPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'POST', url: `${plan.url}/units`, payload: { ...unitBody, code: 'DSP-1', parentCode: 'NOPE' } },
      {
        status: 422,
        code: 'UNKNOWN_PARENT_UNIT',
      },
    );
  });

  t.test('given a code the plan has, 409 UNIT_ALREADY_DEFINED (also what a blind retry gets)', async (t) => {
    const plan = await harness.givenPlan();
    await harness.rejects(t, plan.stream, { method: 'POST', url: `${plan.url}/units`, payload: unitBody }, { status: 409, code: 'UNIT_ALREADY_DEFINED' });
  });

  t.test('given a stale If-Match (even with the current version as a weak tag), 412 and nothing appended', async (t) => {
    const plan = await harness.givenPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'POST', url: `${plan.url}/units`, payload: { ...unitBody, code: 'DCT' }, headers: { 'if-match': '"1", W/"2"' } },
      { status: 412, code: 'PRECONDITION_FAILED' },
    );
  });

  t.test('given no such plan, 404 PLAN_NOT_FOUND', async (t) => {
    const plan = harness.newPlan();
    await harness.rejects(t, plan.stream, { method: 'POST', url: `${plan.url}/units`, payload: unitBody }, { status: 404, code: 'PLAN_NOT_FOUND' });
  });

  t.test('given an unknown area class and no name, 400 naming both', async (t) => {
    const plan = await harness.givenPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'POST', url: `${plan.url}/units`, payload: { code: 'DCT', areaClass: 'education' } },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.areaClass', 'body.name'],
      },
    );
  });

  t.test('GET of a unit or a perspective the plan does not have is 404 with its own code', async (t) => {
    const plan = await harness.givenPlan();
    const unit = await app.inject({ method: 'GET', url: `${plan.url}/units/NOPE` });
    t.equal(unit.statusCode, 404);
    t.equal(unit.json().code, 'UNIT_NOT_FOUND');
    const perspective = await app.inject({ method: 'GET', url: `${plan.url}/perspectives/NOPE` });
    t.equal(perspective.statusCode, 404);
    t.equal(perspective.json().code, 'PERSPECTIVE_NOT_FOUND');
    const noPlan = await app.inject({ method: 'GET', url: `${harness.newPlan().url}/units/DSP` });
    t.equal(noPlan.json().code, 'PLAN_NOT_FOUND');
  });
});

tap.test('PUT /v1/plans/{planId}/evaluation-scale changes the scale', async (t) => {
  const scale = { evaluationScale: { criticalBelow: '80', goodAbove: '95' } };

  t.test('given a plan, then 200 with the new scale; the same scale again is 200 with appended 0 and the same ETag', async (t) => {
    const plan = await harness.givenPlan();
    const url = `${plan.url}/evaluation-scale`;
    const changed = await app.inject({ method: 'PUT', url, payload: scale, headers: { 'if-match': '"2"' } });
    t.equal(changed.statusCode, 200);
    t.equal(changed.headers.etag, '"3"');
    t.same(changed.json().evaluationScale, scale.evaluationScale);
    t.match(changed.json().write, { version: 3, appended: 1 });

    const again = await app.inject({ method: 'PUT', url, payload: { evaluationScale: { criticalBelow: '80.0', goodAbove: '95' } } });
    t.equal(again.statusCode, 200);
    t.equal(again.headers.etag, '"3"');
    t.same(again.json().write, { version: 3, appended: 0, position: null });
    t.equal(await harness.streamVersion(plan.stream), 3, 'one event for two requests');
  });

  // A JSON number is a decimal when its text is one (95 would be taken as "95"); -95 is not non-negative.
  t.test('given malformed decimals, 400 naming each', async (t) => {
    const plan = await harness.givenPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'PUT', url: `${plan.url}/evaluation-scale`, payload: { evaluationScale: { criticalBelow: '8O', goodAbove: -95 } } },
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.evaluationScale.criticalBelow', 'body.evaluationScale.goodAbove'],
      },
    );
  });

  t.test('given a stale If-Match, 412 and nothing appended', async (t) => {
    const plan = await harness.givenPlan();
    await harness.rejects(
      t,
      plan.stream,
      { method: 'PUT', url: `${plan.url}/evaluation-scale`, payload: scale, headers: { 'if-match': '"1"' } },
      {
        status: 412,
        code: 'PRECONDITION_FAILED',
      },
    );
  });

  t.test('given no such plan, 404 PLAN_NOT_FOUND', async (t) => {
    const plan = harness.newPlan();
    await harness.rejects(t, plan.stream, { method: 'PUT', url: `${plan.url}/evaluation-scale`, payload: scale }, { status: 404, code: 'PLAN_NOT_FOUND' });
  });
});

tap.test('GET /v1/plans/{planId} and its events', async (t) => {
  const plan = await harness.givenPlan();

  t.test('the plan answers with its ETag; If-None-Match with it is 304 with no body', async (t) => {
    const read = await app.inject({ method: 'GET', url: plan.url });
    t.equal(read.statusCode, 200);
    t.equal(read.headers.etag, '"2"');
    const notModified = await app.inject({ method: 'GET', url: plan.url, headers: { 'if-none-match': '"2"' } });
    t.equal(notModified.statusCode, 304);
    t.equal(notModified.body, '');
    t.equal(notModified.headers.etag, '"2"');
    const stale = await app.inject({ method: 'GET', url: plan.url, headers: { 'if-none-match': '"1"' } });
    t.equal(stale.statusCode, 200, 'an older ETag gets the plan');
  });

  t.test('an unknown plan is 404 PLAN_NOT_FOUND; a malformed id is 400 on params.planId', async (t) => {
    const unknown = harness.newPlan();
    for (const url of [unknown.url, `${unknown.url}/events`]) {
      const missing = await app.inject({ method: 'GET', url });
      t.equal(missing.statusCode, 404);
      t.equal(missing.json().code, 'PLAN_NOT_FOUND');
    }
    const malformed = await app.inject({ method: 'GET', url: '/v1/plans/upisss' });
    t.equal(malformed.statusCode, 400);
    t.same(
      malformed.json().errors.map((e: { path: string }) => e.path),
      ['params.planId'],
    );
  });

  t.test('the events say who changed what, when, from where, in which request, chained by hash', async (t) => {
    const director = await tokenFor(app, plan.body.institutionId, 'planner', { label: 'Directora de planificación' });
    await app.inject({
      method: 'POST',
      url: `${plan.url}/perspectives`,
      payload: { code: 'procesos', name: 'Procesos Internos' },
      headers: { ...director.headers, 'x-request-id': 'req-42', 'x-correlation-id': 'pat-2021-setup' },
    });
    const response = await app.inject({ method: 'GET', url: `${plan.url}/events` });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, '"3"');
    const stream = response.json();
    t.equal(stream.streamName, plan.stream);
    t.equal(stream.version, 3);
    t.same(
      stream.events.map((e: { type: string }) => e.type),
      ['PlanOpened', 'UnitDefined', 'PerspectiveAdded'],
    );
    t.same(
      stream.events.map((e: { streamVersion: number }) => e.streamVersion),
      [1, 2, 3],
    );
    const [opened, defined, added] = stream.events;
    t.equal(opened.previousHash, '0'.repeat(64));
    t.equal(defined.previousHash, opened.hash);
    t.equal(added.previousHash, defined.hash);
    t.match(added, {
      eventId: /^[0-9a-f-]{36}$/,
      position: /^\d+:\d+$/,
      data: { planId: plan.id, perspective: { code: 'procesos', name: 'Procesos Internos' } },
      metadata: {
        actor: { id: director.tokenId, role: 'planner' },
        source: 'api',
        requestId: 'req-42',
        correlationId: 'pat-2021-setup',
        causationId: 'req-42',
        recordedAt: '2021-04-05T10:00:00.000Z',
      },
    });

    const since = await app.inject({ method: 'GET', url: `${plan.url}/events?afterVersion=2` });
    t.same(
      since.json().events.map((e: { type: string }) => e.type),
      ['PerspectiveAdded'],
      'afterVersion gives only what is newer',
    );
    const notModified = await app.inject({ method: 'GET', url: `${plan.url}/events`, headers: { 'if-none-match': 'W/"3"' } });
    t.equal(notModified.statusCode, 304);
    const badQuery = await app.inject({ method: 'GET', url: `${plan.url}/events?afterVersion=-1` });
    t.equal(badQuery.statusCode, 400);
    t.same(
      badQuery.json().errors.map((e: { path: string }) => e.path),
      ['query.afterVersion'],
    );
  });
});

tap.test('the OpenAPI document declares every plan route with its statuses', async (t) => {
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const statuses = (path: string, method: string): string[] => Object.keys(document.paths[path][method].responses).sort();
  // 401, 403 and 429 come with authentication, on every /v1 route.
  t.same(statuses('/v1/plans', 'post'), ['201', '400', '401', '403', '404', '409', '412', '413', '415', '429', '503']);
  t.same(statuses('/v1/plans/{planId}/perspectives', 'post'), ['201', '400', '401', '403', '404', '409', '412', '413', '415', '429', '503']);
  t.same(statuses('/v1/plans/{planId}/units', 'post'), ['201', '400', '401', '403', '404', '409', '412', '413', '415', '422', '429', '503']);
  t.same(statuses('/v1/plans/{planId}/evaluation-scale', 'put'), ['200', '400', '401', '403', '404', '412', '413', '415', '429', '503']);
  for (const path of ['/v1/plans/{planId}', '/v1/plans/{planId}/events', '/v1/plans/{planId}/units/{code}', '/v1/plans/{planId}/perspectives/{code}']) {
    t.same(statuses(path, 'get'), ['200', '304', '400', '401', '403', '404', '429', '503'], path);
  }
  const parameters = document.paths['/v1/plans/{planId}/units'].post.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`);
  t.same(
    parameters.sort(),
    ['header:Accept-Language', 'header:Idempotency-Key', 'header:if-match', 'header:x-correlation-id', 'path:planId'],
    'If-Match is documented, with the headers every write reads',
  );
  t.ok(document.components.schemas.Plan, 'the plan schema is a named component');
});
