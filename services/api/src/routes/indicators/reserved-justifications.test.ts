import tap from 'tap';
import { tokenFor } from '../../testing/auth.js';
import { routeHarness, type IndicatorFixture } from '../../testing/route-test-harness.js';

const harness = await routeHarness(tap);
const { app } = harness;

const justificationsUrl = (indicator: IndicatorFixture, period: string) => `${indicator.url}/justifications/${period}`;
const action = { action: 'Revisar expedientes bajo reserva', owner: 'Jefatura DSP', dueDate: '2021-06-30' };

tap.test('POST …/justifications/{period} with reserved texts', async (t) => {
  t.test('given a reporter, when it writes a reserved justification with one reserved action, then the marks are kept and read back', async (t) => {
    const indicator = await harness.givenIndicator();
    const jefe = await tokenFor(app, indicator.plan.body.institutionId, 'reporter', { units: ['DSP'] });
    const response = await app.inject({
      method: 'POST',
      url: justificationsUrl(indicator, '2021-Q1'),
      payload: {
        text: 'Expedientes de un proceso judicial en curso',
        reserved: true,
        correctiveActions: [
          { ...action, reserved: true },
          { ...action, action: 'Informar al comité', reserved: false },
        ],
      },
      headers: jefe.headers,
    });
    t.equal(response.statusCode, 201);
    const events = (await app.inject({ method: 'GET', url: `${indicator.url}/events?afterVersion=1` })).json().events;
    t.same(
      events[0].data.correctiveActions,
      [
        { ...action, reserved: true },
        { ...action, action: 'Informar al comité' },
      ],
      'only a true mark is recorded',
    );
    t.equal(events[0].data.reserved, true);

    const auditor = await tokenFor(app, indicator.plan.body.institutionId, 'auditor');
    const read = await app.inject({ method: 'GET', url: justificationsUrl(indicator, '2021-Q1'), headers: auditor.headers });
    t.equal(read.statusCode, 200);
    t.match(read.json().justifications, [
      {
        number: 1,
        text: 'Expedientes de un proceso judicial en curso',
        reserved: true,
        correctiveActions: [
          { ...action, reserved: true },
          { ...action, action: 'Informar al comité' },
        ],
      },
    ]);
    t.notOk('reserved' in read.json().justifications[0].correctiveActions[1], 'an action not reserved has no mark');
  });

  t.test('given a justification without marks, it reads back exactly as before marking existed', async (t) => {
    const indicator = await harness.givenIndicator();
    await app.inject({ method: 'POST', url: justificationsUrl(indicator, '2021-Q1'), payload: { text: 'Sin reserva', correctiveActions: [action] } });
    await app.inject({ method: 'POST', url: justificationsUrl(indicator, '2021-Q1'), payload: { text: 'Marcada falsa', reserved: false } });
    const read = await app.inject({ method: 'GET', url: justificationsUrl(indicator, '2021-Q1') });
    const [first, second] = read.json().justifications;
    t.same(Object.keys(first).sort(), ['actor', 'correctiveActions', 'number', 'recordedAt', 'text']);
    t.same(Object.keys(first.correctiveActions[0]).sort(), ['action', 'dueDate', 'owner']);
    t.same(Object.keys(second).sort(), ['actor', 'correctiveActions', 'number', 'recordedAt', 'text']);
  });

  t.test('given a mark that is not a boolean, 400 naming it, and nothing appended', async (t) => {
    const indicator = await harness.givenIndicator();
    await harness.rejects(
      t,
      indicator.stream,
      { method: 'POST', url: justificationsUrl(indicator, '2021-Q1'), payload: { text: 'x', reserved: 'sí', correctiveActions: [{ ...action, reserved: 1 }] } },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.reserved', 'body.correctiveActions[0].reserved'] },
    );
  });
});
