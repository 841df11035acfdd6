import t from 'tap';
import { indicatorBody, routeHarness } from './testing/route-test-harness.js';

const json = { 'content-type': 'application/json' };

t.test('every body is strict, exact and speaks the domain’s words', async (t) => {
  const { app, rejects, newPlan, givenPlan, givenIndicator } = await routeHarness(t);

  t.test('an unknown field is refused with its path, and nothing is saved', async (t) => {
    const indicator = await givenIndicator();
    const refused = await rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: `${indicator.url}/results/2021-Q1`, payload: { value: '8', comentario: 'se perdería' } },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.comentario'] },
    );
    t.match(refused.json(), { errors: [{ pointer: '/comentario', message: /^no es un campo de esta solicitud/ }] });

    const plan = newPlan();
    const nested = { ...plan.body, perspectives: [{ code: 'usuarios', name: 'Persona Usuaria', nombre: 'x' }] };
    await rejects(
      t,
      plan.stream,
      { method: 'POST', url: '/v1/plans', payload: nested },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.perspectives[0].nombre'] },
    );
  });

  t.test('a JSON number in a decimal field is taken as the text it was written with', async (t) => {
    const indicator = await givenIndicator();
    const reported = await app.inject({
      method: 'PUT',
      url: `${indicator.url}/results/2021-Q1`,
      headers: json,
      payload: '{"value": 5.50, "numerator": 11, "denominator": 2}',
    });
    t.equal(reported.statusCode, 200, reported.body);
    t.same(
      reported.json().results,
      [{ period: '2021-Q1', kind: 'value', value: '5.50', numerator: '11', denominator: '2' }],
      'echoed as strings, digit for digit',
    );

    const target = await app.inject({ method: 'PUT', url: `${indicator.url}/targets/2021-Q1`, headers: json, payload: '{"value": 1.5e1}' });
    t.equal(target.statusCode, 200, target.body);
    t.match(target.json().targets, [{ period: '2021-Q1', value: '15' }], 'an exponent written out exactly');

    const huge = await app.inject({
      method: 'PUT',
      url: `${indicator.url}/targets/2021-Q2`,
      headers: json,
      payload: '{"value": 12345678901234567890.1234567891}',
    });
    t.equal(huge.statusCode, 200, 'more digits than a double holds: still exact');
    t.match(huge.json().targets, [{}, { period: '2021-Q2', value: '12345678901234567890.1234567891' }]);

    // Targets are signed decimals: a negative number is one too, written as it was sent.
    const negative = await app.inject({ method: 'PUT', url: `${indicator.url}/targets/2021-Q3`, headers: json, payload: '{"value": -375123611}' });
    t.equal(negative.statusCode, 200, negative.body);
    t.match(negative.json().targets, [{}, {}, { period: '2021-Q3', value: '-375123611' }]);

    // A number whose exact text is no decimal of the field (eleven decimals) is refused, never rounded.
    await rejects(
      t,
      indicator.stream,
      { method: 'PUT', url: `${indicator.url}/targets/2021-Q4`, headers: json, payload: '{"value": 1.12345678901}' },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['body.value'] },
    );
  });

  t.test('the domain’s Spanish words are accepted for its enumerations', async (t) => {
    const plan = await givenPlan();
    const registered = await app.inject({
      method: 'POST',
      url: `${plan.url}/indicators`,
      payload: { ...indicatorBody, kind: 'resultado', periodicity: 'Trimestral', polarity: 'Menor es mejor', measure: 'Días', accumulation: 'Promedio' },
    });
    t.equal(registered.statusCode, 201, registered.body);
    t.match(registered.json(), {
      definition: { kind: 'result', periodicity: 'quarterly', polarity: 'lower-is-better', measure: 'days', accumulation: 'average' },
    });

    const unknownWord = await app.inject({ method: 'POST', url: `${plan.url}/indicators`, payload: { ...indicatorBody, code: 'X-2', kind: 'resultadisimo' } });
    t.equal(unknownWord.statusCode, 400);
    t.match(unknownWord.json(), { errors: [{ path: 'body.kind', message: /^debe ser uno de: "result", "production"/ }] });
  });
});
