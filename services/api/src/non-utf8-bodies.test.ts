import t from 'tap';
import { accessHarness, givenPlanOf } from './testing/access-harness.js';
import { withAdminToken } from './testing/auth.js';

/*
 * A JSON body must be UTF-8. Bytes that are not (Latin-1 from an old
 * spreadsheet export, a truncated multi-byte character) were decoded with
 * replacement characters and the request accepted: the text stored was
 * not the text sent (found by the bad-input fuzzing test). They are a 400
 * now, and nothing is appended.
 */
t.test('given a plan, when a body is not UTF-8, then 400 MALFORMED_JSON and nothing stored; UTF-8 text is kept as sent', async (t) => {
  const { app, store } = await accessHarness(t);
  const admin = await withAdminToken(app, 'upisss');
  const planId = await givenPlanOf(app, 'upisss', admin);
  const url = `/v1/plans/${planId}/perspectives`;
  const headers = { ...admin, 'content-type': 'application/json' };
  const head = await store.headPosition();

  const notUtf8 = {
    'Latin-1': Buffer.from('{"code":"finanzas","name":"Dirección Financiera"}', 'latin1'),
    'a truncated character': Buffer.concat([Buffer.from('{"code":"finanzas","name":"Direcci'), Buffer.from([0xc3]), Buffer.from('n"}')]),
    'an encoded surrogate (CESU-8)': Buffer.concat([Buffer.from('{"code":"finanzas","name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
  };
  for (const [what, payload] of Object.entries(notUtf8)) {
    const response = await app.inject({ method: 'POST', url, headers, payload });
    t.equal(response.statusCode, 400, `${what}: 400`);
    t.equal(response.json().code, 'MALFORMED_JSON', `${what}: MALFORMED_JSON`);
  }
  t.same(await store.headPosition(), head, 'nothing was appended');

  const utf8 = await app.inject({ method: 'POST', url, headers, payload: Buffer.from('{"code":"finanzas","name":"Dirección Financiera 💶"}', 'utf8') });
  t.equal(utf8.statusCode, 201, 'the same text in UTF-8 is accepted');
  const perspective = await app.inject({ method: 'GET', url: `${url}/finanzas`, headers: admin });
  t.equal(perspective.json().name, 'Dirección Financiera 💶', 'and kept as sent');

  const poisoned = await app.inject({ method: 'POST', url, headers, payload: '{"code":"x","name":"y","__proto__":{"admin":true}}' });
  t.equal(poisoned.statusCode, 400, 'a __proto__ key is still refused');
});
