import { openEventStore } from '@semaforo/event-store';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import tap from 'tap';
import { tokenFor } from '../../testing/auth.js';
import { indicatorBody, routeHarness } from '../../testing/route-test-harness.js';

// The same routes on the real PostgreSQL: what production runs with DATABASE_URL.
// Fails when CI is set and PostgreSQL is unreachable; elsewhere skips loudly.
if (!(await postgresRequired())) {
  tap.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  tap.teardown(() => database.drop());
  const openStore = async () => (await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' })).store;
  // Registered after the database's teardown, so run before it: apps and pools close, then the database drops.
  const first = await routeHarness(tap, openStore);
  const second = await routeHarness(tap, openStore);

  tap.test("the issue's story on PostgreSQL: plan, unit, indicator, target and revision, result, correction, no data, justification, read-back", async (t) => {
    const { app } = first;
    const indicator = first.newIndicator();
    const { plan } = indicator;
    // The planner sets up and sets targets; the head of the unit reports, from the other process.
    const planner = await tokenFor(app, plan.body.institutionId, 'planner');
    const jefe = await tokenFor(app, plan.body.institutionId, 'reporter', { units: ['DSP'] });

    t.equal((await app.inject({ method: 'POST', url: '/v1/plans', payload: plan.body, headers: planner.headers })).statusCode, 201);
    t.equal(
      (
        await app.inject({
          method: 'POST',
          url: `${plan.url}/units`,
          payload: { code: 'DSP', name: 'Pensiones', areaClass: 'administrative' },
          headers: planner.headers,
        })
      ).statusCode,
      201,
    );
    const registered = await app.inject({ method: 'POST', url: `${plan.url}/indicators`, payload: indicatorBody, headers: planner.headers });
    t.equal(registered.statusCode, 201);

    const steps = [
      { url: `${indicator.url}/targets/2021-Q1`, payload: { value: '10' }, by: planner },
      { url: `${indicator.url}/targets/2021-Q1`, payload: { value: '9.5', reason: 'Reprogramación aprobada' }, by: planner },
      { url: `${indicator.url}/results/2021-Q1`, payload: { value: '8.2' }, by: jefe },
      { url: `${indicator.url}/results/2021-Q1`, payload: { value: '8.4', reason: 'Se omitieron expedientes' }, by: jefe },
      { url: `${indicator.url}/results/2021-Q2`, payload: { noData: true, reason: 'Sistema fuera de servicio' }, by: jefe },
    ];
    let etag = registered.headers.etag!;
    for (const { by, ...step } of steps) {
      const response = await second.app.inject({ method: 'PUT', ...step, headers: { ...by.headers, 'if-match': etag } });
      t.equal(response.statusCode, 200, `PUT ${step.url}`);
      etag = response.headers.etag!;
    }
    const justified = await app.inject({
      method: 'POST',
      url: `${indicator.url}/justifications/2021-Q2`,
      payload: { text: 'Sin datos por la caída del sistema.', correctiveActions: [{ action: 'Respaldo diario', owner: 'TI', dueDate: '2021-07-15' }] },
      headers: { ...jefe.headers, 'if-match': etag },
    });
    t.equal(justified.statusCode, 201);

    const read = await app.inject({ method: 'GET', url: indicator.url });
    t.match(read.json(), {
      targets: [{ period: '2021-Q1', value: '9.5' }],
      results: [
        { period: '2021-Q1', kind: 'value', value: '8.4' },
        { period: '2021-Q2', kind: 'no-data' },
      ],
      justificationCount: 1,
      version: 7,
    });
    const events = (await app.inject({ method: 'GET', url: `${indicator.url}/events` })).json().events;
    t.same(
      events.map((e: { type: string; metadata: { actor: { id: string }; reason?: string } }) => [e.type, e.metadata.actor.id, e.metadata.reason ?? null]),
      [
        ['IndicatorRegistered', planner.tokenId, null],
        ['TargetSet', planner.tokenId, null],
        ['TargetRevised', planner.tokenId, 'Reprogramación aprobada'],
        ['ResultReported', jefe.tokenId, null],
        ['ResultCorrected', jefe.tokenId, 'Se omitieron expedientes'],
        ['NoDataReported', jefe.tokenId, 'Sistema fuera de servicio'],
        ['JustificationAdded', jefe.tokenId, null],
      ],
      'every change is an event with its actor and reason',
    );
    for (let i = 1; i < events.length; i++) t.equal(events[i].previousHash, events[i - 1].hash, `event ${i + 1} chains to event ${i}`);
  });

  tap.test('given two writers with the same If-Match at once, exactly one lands and the other is 412', async (t) => {
    const indicator = await first.givenIndicator();
    const [a, b] = await Promise.all(
      ['2021-Q1', '2021-Q2'].map((period) =>
        first.app.inject({ method: 'PUT', url: `${indicator.url}/targets/${period}`, payload: { value: '10' }, headers: { 'if-match': '"1"' } }),
      ),
    );
    t.same([a!.statusCode, b!.statusCode].sort(), [200, 412]);
    t.equal(await first.streamVersion(indicator.stream), 2, 'one event, not two');
  });

  tap.test("given two API processes, a write through one is seen by the other's If-Match check", async (t) => {
    const indicator = await first.givenIndicator();
    // The first process reads the indicator, warming its cache at version 1.
    t.equal((await first.app.inject({ method: 'GET', url: indicator.url })).headers.etag, '"1"');
    // The second process writes.
    const elsewhere = await second.app.inject({ method: 'PUT', url: `${indicator.url}/targets/2021-Q1`, payload: { value: '10' } });
    t.equal(elsewhere.headers.etag, '"2"');
    // A client still holding "1" is refused by the first process, and nothing is appended.
    await first.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: `${indicator.url}/targets/2021-Q1`, payload: { value: '12', reason: 'Ajuste' }, headers: { 'if-match': '"1"' } },
      {
        status: 412,
        code: 'PRECONDITION_FAILED',
      },
    );
    // Without If-Match, the first process decides on the fresh state: now it is a revision, which needs a reason.
    await first.rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: `${indicator.url}/targets/2021-Q1`, payload: { value: '12' } },
      {
        status: 422,
        code: 'REASON_REQUIRED',
      },
    );
    const revised = await first.app.inject({
      method: 'PUT',
      url: `${indicator.url}/targets/2021-Q1`,
      payload: { value: '12', reason: 'Ajuste' },
      headers: { 'if-match': '"2"' },
    });
    t.equal(revised.statusCode, 200);
    t.equal(revised.headers.etag, '"3"');
  });

  tap.test('given the same PUT twice, one event and the second answers 200 with appended 0', async (t) => {
    const indicator = await first.givenIndicator();
    const request = { method: 'PUT' as const, url: `${indicator.url}/results/2021-Q1`, payload: { value: '8.2', numerator: '82', denominator: '10' } };
    const once = await first.app.inject(request);
    const twice = await second.app.inject(request);
    t.equal(once.statusCode, 200);
    t.equal(twice.statusCode, 200);
    t.same(twice.json().write, { version: 2, appended: 0, position: null });
    t.equal(await first.streamVersion(indicator.stream), 2);
  });
}
