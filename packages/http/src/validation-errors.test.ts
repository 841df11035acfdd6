import t from 'tap';
import { toFieldErrors } from './validation-errors.js';

t.test('validation issues become field paths a person can read', async (t) => {
  const errors = toFieldErrors('body', [
    { instancePath: '/indicators/0/code', message: 'Too short' },
    { instancePath: '/', message: 'Expected an object' },
    { instancePath: '/labels/en-US', message: 'Bad label' },
    { instancePath: '/a~b' },
  ]);
  t.same(errors, [
    { path: 'body.indicators[0].code', pointer: '/indicators/0/code', message: 'Too short' },
    { path: 'body', pointer: '', message: 'Expected an object' },
    { path: 'body.labels["en-US"]', pointer: '/labels/en-US', message: 'Bad label' },
    { path: 'body["a~b"]', pointer: '/a~0b', message: 'Invalid value.' },
  ]);
});

t.test('the request part is named as clients know it', async (t) => {
  t.equal(toFieldErrors('querystring', [{ instancePath: '/limit' }])[0]?.path, 'query.limit');
  t.equal(toFieldErrors('params', [{ instancePath: '/planId' }])[0]?.path, 'params.planId');
  t.equal(toFieldErrors('headers', [{ instancePath: '/if-match' }])[0]?.path, 'headers["if-match"]');
});
