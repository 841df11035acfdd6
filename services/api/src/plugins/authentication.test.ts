import { accessStreamName } from '@semaforo/domain';
import { openEventStore } from '@semaforo/event-store';
import tap from 'tap';
import { AdminAlreadyExistsError, bootstrapAdmin } from '../auth/bootstrap.js';
import { accessHarness, givenPlanOf } from '../testing/access-harness.js';
import { tokenFor } from '../testing/auth.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

tap.test('without a good token, every /v1 route is 401 problem+json with WWW-Authenticate: Bearer', async (t) => {
  const { app } = await accessHarness(t);
  const admin = await tokenFor(app, 'upisss', 'admin');
  const [, , secret = ''] = admin.token.split('.');

  t.test('given no Authorization header, AUTHENTICATION_REQUIRED', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/v1/plans/upisss-2021' });
    t.equal(response.statusCode, 401);
    t.match(response.headers['content-type'], /^application\/problem\+json/);
    t.equal(response.headers['www-authenticate'], 'Bearer realm="semaforo"');
    t.match(response.json(), { status: 401, code: 'AUTHENTICATION_REQUIRED', instance: '/v1/plans/upisss-2021' });
  });

  t.test('given another scheme or garbage, INVALID_TOKEN with error="invalid_token"', async (t) => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not-a-token', `Bearer ${admin.token}x`]) {
      const response = await app.inject({ method: 'GET', url: '/v1/access/me', headers: { authorization } });
      t.equal(response.statusCode, 401, authorization);
      t.equal(response.headers['www-authenticate'], 'Bearer realm="semaforo", error="invalid_token"');
      t.equal(response.json().code, 'INVALID_TOKEN');
    }
  });

  t.test('given a real token id with a wrong secret, the same answer as an id that does not exist', async (t) => {
    const wrongSecret = await app.inject({ method: 'GET', url: '/v1/access/me', headers: bearer(admin.token.replace(secret, 'A'.repeat(43))) });
    const unknownId = await app.inject({ method: 'GET', url: '/v1/access/me', headers: bearer(admin.token.replace(admin.tokenId, '0'.repeat(16))) });
    const unknownInstitution = await app.inject({ method: 'GET', url: '/v1/access/me', headers: bearer(admin.token.replace('smf_upisss', 'smf_nadie')) });
    t.equal(wrongSecret.statusCode, 401);
    t.equal(wrongSecret.body, unknownId.body, 'nothing tells which token ids exist');
    t.equal(wrongSecret.body, unknownInstitution.body, 'nor which institutions');
  });

  t.test('the open routes need no token, and a bad one does not get in their way', async (t) => {
    for (const url of ['/health', '/ready', '/openapi.json', '/docs/json']) {
      t.equal((await app.inject({ method: 'GET', url })).statusCode, 200, url);
      t.equal((await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer nonsense' } })).statusCode, 200, `${url} with a bad token`);
    }
  });

  t.test('an unknown route is 404 with or without a token', async (t) => {
    t.equal((await app.inject({ method: 'GET', url: '/v1/nowhere' })).statusCode, 404);
    t.equal((await app.inject({ method: 'GET', url: '/v1/nowhere', headers: admin.headers })).statusCode, 404);
  });
});

tap.test('tokens through the API: issued once, listed without secrets, revoked with a reason', async (t) => {
  const { app, store, clock } = await accessHarness(t);
  const admin = await tokenFor(app, 'upisss', 'admin');
  // A reporter token names units a plan of the institution defines.
  await givenPlanOf(app, 'upisss', admin.headers);

  t.test('an admin issues a reporter token for its units; it works at once and says who it is', async (t) => {
    const issued = await app.inject({
      method: 'POST',
      url: '/v1/access/tokens',
      headers: admin.headers,
      payload: { role: 'reporter', units: ['DSP', 'DNGF'], label: 'Ana Pérez, Pensiones', expiresAt: '2021-12-31T23:59:59-06:00' },
    });
    t.equal(issued.statusCode, 201);
    t.equal(issued.headers['cache-control'], 'no-store');
    const body = issued.json();
    t.equal(issued.headers.location, `/v1/access/tokens/${body.tokenId}`);
    t.match(body, {
      institutionId: 'upisss',
      role: 'reporter',
      units: ['DNGF', 'DSP'],
      label: 'Ana Pérez, Pensiones',
      issuedAt: '2021-04-05T10:00:00.000Z',
      expiresAt: '2022-01-01T05:59:59.000Z',
      status: 'active',
    });
    const me = await app.inject({ method: 'GET', url: '/v1/access/me', headers: bearer(body.token) });
    t.same(me.json(), { institutionId: 'upisss', tokenId: body.tokenId, role: 'reporter', units: ['DNGF', 'DSP'], label: 'Ana Pérez, Pensiones' });
  });

  t.test('the list and the token itself never show a secret or its hash; the stream keeps only the hash', async (t) => {
    const secretOf = (token: string) => token.split('.')[2] ?? '';
    const planner = await tokenFor(app, 'upisss', 'planner');
    const list = await app.inject({ method: 'GET', url: '/v1/access/tokens', headers: admin.headers });
    t.equal(list.statusCode, 200);
    t.ok(list.json().tokens.some((token: { tokenId: string }) => token.tokenId === planner.tokenId));
    const one = await app.inject({ method: 'GET', url: `/v1/access/tokens/${planner.tokenId}`, headers: admin.headers });
    t.equal(one.json().role, 'planner');
    for (const body of [list.body, one.body]) {
      t.notOk(body.includes(secretOf(planner.token)), 'no secret');
      t.notOk(body.includes('sha256:'), 'no hash');
    }
    const { events } = await store.readStream(accessStreamName('upisss'));
    const stored = JSON.stringify(events.map(({ type, data, metadata }) => ({ type, data, metadata })));
    t.notOk(stored.includes(secretOf(planner.token)), 'the event log has no secret');
    t.ok(stored.includes('sha256:'), 'only its hash');
  });

  t.test('a revoked token is refused at once by the process that revoked it', async (t) => {
    const reporter = await tokenFor(app, 'upisss', 'reporter', { units: ['DSP'] });
    t.equal((await app.inject({ method: 'GET', url: '/v1/access/me', headers: reporter.headers })).statusCode, 200);
    const revoked = await app.inject({
      method: 'POST',
      url: `/v1/access/tokens/${reporter.tokenId}/revocation`,
      headers: admin.headers,
      payload: { reason: 'left the institution' },
    });
    t.equal(revoked.statusCode, 200);
    t.match(revoked.json(), { status: 'revoked', revocationReason: 'left the institution', appended: 1 });
    const refused = await app.inject({ method: 'GET', url: '/v1/access/me', headers: reporter.headers });
    t.equal(refused.statusCode, 401);
    t.equal(refused.json().code, 'TOKEN_REVOKED');
    const again = await app.inject({
      method: 'POST',
      url: `/v1/access/tokens/${reporter.tokenId}/revocation`,
      headers: admin.headers,
      payload: { reason: 'twice' },
    });
    t.equal(again.json().appended, 0, 'revoking again changes nothing');
  });

  t.test('an expired token is refused from its expiry on', async (t) => {
    const temporary = await tokenFor(app, 'upisss', 'auditor', { expiresAt: '2021-04-05T11:00:00.000Z' });
    t.equal((await app.inject({ method: 'GET', url: '/v1/access/me', headers: temporary.headers })).statusCode, 200);
    clock.now = new Date('2021-04-05T11:00:00.000Z');
    t.teardown(() => {
      clock.now = new Date('2021-04-05T10:00:00.000Z');
    });
    const refused = await app.inject({ method: 'GET', url: '/v1/access/me', headers: temporary.headers });
    t.equal(refused.statusCode, 401);
    t.equal(refused.json().code, 'TOKEN_EXPIRED');
  });

  t.test('the rules of the access stream answer as problems', async (t) => {
    const post = (payload: object) => app.inject({ method: 'POST', url: '/v1/access/tokens', headers: admin.headers, payload });
    t.match((await post({ role: 'reporter', label: 'sin unidades' })).json(), { status: 422, code: 'REPORTER_UNITS_REQUIRED' });
    t.match((await post({ role: 'reporter', units: ['DSP', 'DPS'], label: 'una errata' })).json(), {
      status: 422,
      code: 'UNKNOWN_TOKEN_UNITS',
      detail: 'Ningún plan de esta institución define las unidades DPS; defínalas primero, o revise sus códigos.',
      details: { units: ['DPS'] },
    });
    t.match((await post({ role: 'planner', units: ['DSP'], label: 'x' })).json(), { status: 422, code: 'UNITS_ONLY_FOR_REPORTER' });
    t.match((await post({ role: 'planner', label: 'x', expiresAt: '2020-01-01T00:00:00Z' })).json(), { status: 422, code: 'EXPIRY_NOT_IN_FUTURE' });
    t.match((await post({ role: 'owner', label: 'x' })).json(), { status: 400, code: 'VALIDATION_FAILED' });
    const unknown = await app.inject({
      method: 'POST',
      url: '/v1/access/tokens/0000000000000000/revocation',
      headers: admin.headers,
      payload: { reason: 'x' },
    });
    t.match(unknown.json(), { status: 404, code: 'TOKEN_NOT_FOUND' });
  });

  t.test('the last working admin token cannot be revoked; once another exists, it can', async (t) => {
    const { app } = await accessHarness(t);
    const only = await tokenFor(app, 'isss', 'admin');
    const revoke = (tokenId: string) =>
      app.inject({ method: 'POST', url: `/v1/access/tokens/${tokenId}/revocation`, headers: only.headers, payload: { reason: 'rotation' } });
    t.match((await revoke(only.tokenId)).json(), { status: 409, code: 'LAST_ADMIN_TOKEN' });
    await tokenFor(app, 'isss', 'admin');
    t.equal((await revoke(only.tokenId)).statusCode, 200);
  });

  t.test("an admin cannot see another institution's tokens: its token ids are not found", async (t) => {
    const elsewhere = await tokenFor(app, 'isss', 'planner');
    const response = await app.inject({ method: 'GET', url: `/v1/access/tokens/${elsewhere.tokenId}`, headers: admin.headers });
    t.match(response.json(), { status: 404, code: 'TOKEN_NOT_FOUND' });
  });
});

tap.test('every event records the token that made it and the role it acted in', async (t) => {
  const { app, store } = await accessHarness(t);
  const admin = await tokenFor(app, 'upisss', 'admin');
  const planner = await tokenFor(app, 'upisss', 'planner');
  const planId = await givenPlanOf(app, 'upisss', planner.headers);
  const issued = await app.inject({
    method: 'POST',
    url: '/v1/access/tokens',
    headers: admin.headers,
    payload: { role: 'auditor', label: 'Auditoría interna' },
  });
  t.equal(issued.statusCode, 201);

  const plan = await store.readStream(`plan-${planId}`);
  t.ok(plan.events.length > 0);
  for (const event of plan.events) t.same(event.metadata.actor, { id: planner.tokenId, role: 'planner' }, `${event.type} by the planner`);
  const access = await store.readStream(accessStreamName('upisss'));
  const last = access.events.at(-1);
  t.equal(last?.type, 'TokenIssued');
  t.same(last?.metadata.actor, { id: admin.tokenId, role: 'admin' }, 'a token issued by the admin says so');
  t.same(access.events[0]?.metadata.actor, { id: 'test-setup', role: 'operator' }, 'tokens issued on the machine are the operator’s');
  t.equal(access.events[0]?.metadata.source, 'cli');
});

tap.test('a reporter writes results for indicators of its units and below them, and nowhere else', async (t) => {
  const { app, store } = await accessHarness(t);
  const admin = await tokenFor(app, 'upisss', 'admin');
  const planId = await givenPlanOf(app, 'upisss', admin.headers);
  const reporter = await tokenFor(app, 'upisss', 'reporter', { units: ['DNGF'] });
  const report = (code: string) =>
    app.inject({ method: 'PUT', url: `/v1/plans/${planId}/indicators/${code}/results/2021-M03`, headers: reporter.headers, payload: { value: '12' } });

  const inside = await report('IN-CONT');
  t.equal(inside.statusCode, 200, 'CONT is below DNGF');

  const before = (await store.readStream(`indicator-${planId}/OUT-DSP`)).version;
  const outside = await report('OUT-DSP');
  t.equal(outside.statusCode, 403);
  t.match(outside.json(), { code: 'OUTSIDE_ASSIGNED_UNITS', details: { unit: 'DSP', units: ['DNGF'] } });
  t.equal((await store.readStream(`indicator-${planId}/OUT-DSP`)).version, before, 'nothing appended');

  const justification = await app.inject({
    method: 'POST',
    url: `/v1/plans/${planId}/indicators/OUT-DSP/justifications/2021-M03`,
    headers: reporter.headers,
    payload: { text: 'Falta de personal' },
  });
  t.equal(justification.statusCode, 403, 'nor justifications');

  const unknown = await report('NO-SUCH');
  t.match(unknown.json(), { status: 404, code: 'INDICATOR_NOT_FOUND' }, 'an indicator that does not exist is not found, as for anyone');
});

tap.test('another process learns of tokens through the log: new ones within a second, revocations within its cache delay', async (t) => {
  // Two apps on one store: what two API processes on one PostgreSQL see.
  const opened = await openEventStore({ dataDir: 'memory://' });
  t.teardown(() => opened.store.close());
  const clock = { now: new Date('2021-04-05T10:00:00.000Z') };
  const here = await accessHarness(t, { opened, clock, tokenCacheTtlMs: 5_000 });
  const there = await accessHarness(t, { opened, clock, tokenCacheTtlMs: 5_000 });
  const admin = await tokenFor(here.app, 'upisss', 'admin');
  const me = (app: typeof here.app, headers: object) => app.inject({ method: 'GET', url: '/v1/access/me', headers: { ...headers } });

  t.equal((await me(there.app, admin.headers)).statusCode, 200, 'a token issued elsewhere works on first use');

  const planner = await tokenFor(here.app, 'upisss', 'planner');
  t.equal((await me(there.app, planner.headers)).statusCode, 401, 'a token issued elsewhere a moment ago: not known yet');
  clock.now = new Date(clock.now.getTime() + 1_000);
  t.equal((await me(there.app, planner.headers)).statusCode, 200, 'known one second later');

  const revoked = await here.app.inject({
    method: 'POST',
    url: `/v1/access/tokens/${planner.tokenId}/revocation`,
    headers: admin.headers,
    payload: { reason: 'rotation' },
  });
  t.equal(revoked.statusCode, 200);
  t.equal((await me(here.app, planner.headers)).statusCode, 401, 'refused at once where it was revoked');
  clock.now = new Date(clock.now.getTime() + 4_999);
  t.equal((await me(there.app, planner.headers)).statusCode, 200, 'still accepted elsewhere within the cache delay');
  clock.now = new Date(clock.now.getTime() + 1);
  const refused = await me(there.app, planner.headers);
  t.equal(refused.statusCode, 401, 'refused elsewhere once the delay has passed');
  t.equal(refused.json().code, 'TOKEN_REVOKED');
});

tap.test('bootstrap: the first admin token of an institution, and no second one unless forced', async (t) => {
  const { store } = await openEventStore({ dataDir: 'memory://' });
  t.teardown(() => store.close());
  const first = await bootstrapAdmin(store, { institutionId: 'upisss' });
  t.match(first.token, /^smf_upisss\./);
  t.equal(first.record.role, 'admin');
  await t.rejects(bootstrapAdmin(store, { institutionId: 'upisss' }), AdminAlreadyExistsError);
  const forced = await bootstrapAdmin(store, { institutionId: 'upisss', force: true });
  t.not(forced.record.tokenId, first.record.tokenId);
  t.ok(await bootstrapAdmin(store, { institutionId: 'isss' }), 'each institution has its own first admin');
});
