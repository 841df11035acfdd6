import { Writable } from 'node:stream';
import tap from 'tap';
import { createLogger } from '@semaforo/runtime';
import { accessHarness, givenPlanOf } from '../testing/access-harness.js';
import { tokenFor } from '../testing/auth.js';

tap.test('at level trace, no token and no secret reaches the log, whatever the request does', async (t) => {
  const captured: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      captured.push(chunk.toString('utf8'));
      done();
    },
  });
  const { app, clock } = await accessHarness(t, { logger: createLogger({ level: 'trace', destination }), rateLimitPerMinute: 1000 });

  const admin = await tokenFor(app, 'upisss', 'admin');
  const planId = await givenPlanOf(app, 'upisss', admin.headers);
  const secrets = [admin.token];

  // A token issued through the API: its only copy is in this answer.
  const issued = await app.inject({
    method: 'POST',
    url: '/v1/access/tokens',
    headers: { ...admin.headers, 'idempotency-key': 'issue-1' },
    payload: { role: 'reporter', units: ['DSP'], label: 'Ana', expiresAt: '2021-04-05T10:30:00Z' },
  });
  t.equal(issued.statusCode, 201);
  const reporter: string = issued.json().token;
  secrets.push(reporter);
  const reporterHeaders = { authorization: `Bearer ${reporter}` };

  const requests = [
    // the replay of the issue (its answer is withheld), a good token, a wrong secret, an unknown id
    app.inject({
      method: 'POST',
      url: '/v1/access/tokens',
      headers: { ...admin.headers, 'idempotency-key': 'issue-1' },
      payload: { role: 'reporter', units: ['DSP'], label: 'Ana', expiresAt: '2021-04-05T10:30:00Z' },
    }),
    app.inject({ method: 'GET', url: `/v1/plans/${planId}`, headers: reporterHeaders }),
    app.inject({ method: 'GET', url: '/v1/access/me', headers: { authorization: `Bearer ${reporter.slice(0, -4)}AAAA` } }),
    app.inject({ method: 'GET', url: '/v1/access/me', headers: { authorization: `Bearer ${reporter.replace(/\.[0-9a-f]{16}\./, '.0000000000000000.')}` } }),
    // a token where it does not belong: in the query string, in a body, in another header
    app.inject({ method: 'GET', url: `/v1/access/me?access_token=${encodeURIComponent(reporter)}`, headers: reporterHeaders }),
    app.inject({ method: 'POST', url: '/v1/access/tokens', headers: admin.headers, payload: { role: 'planner', label: reporter.repeat(5) } }),
    app.inject({ method: 'GET', url: '/v1/access/me', headers: { authorization: `Basic ${reporter}` } }),
    // refused for its role, outside its units, for another institution, and a route that does not exist
    app.inject({ method: 'POST', url: `/v1/plans/${planId}/units`, headers: reporterHeaders, payload: { code: 'X', name: 'X', areaClass: 'health' } }),
    app.inject({ method: 'PUT', url: `/v1/plans/${planId}/indicators/IN-CONT/results/2021-M01`, headers: reporterHeaders, payload: { value: '1' } }),
    app.inject({ method: 'GET', url: '/v1/plans/isss-2021', headers: reporterHeaders }),
    app.inject({ method: 'GET', url: '/v1/nowhere', headers: reporterHeaders }),
  ];
  for (const request of requests) await request;

  // Revoked, then expired.
  const reporterId: string = issued.json().tokenId;
  const revoked = await app.inject({
    method: 'POST',
    url: `/v1/access/tokens/${reporterId}/revocation`,
    headers: admin.headers,
    payload: { reason: 'rotation' },
  });
  t.equal(revoked.statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/v1/access/me', headers: reporterHeaders })).statusCode, 401);
  const shortLived = await tokenFor(app, 'upisss', 'auditor', { expiresAt: '2021-04-05T10:01:00.000Z' });
  secrets.push(shortLived.token);
  clock.now = new Date('2021-04-05T10:02:00.000Z');
  t.equal((await app.inject({ method: 'GET', url: '/v1/access/me', headers: shortLived.headers })).statusCode, 401);

  const log = captured.join('');
  t.ok(captured.length > 30, `the requests were logged (${captured.length} lines)`);
  t.match(log, /request completed/, 'with the request lines');
  t.match(log, /request rejected/, 'and the refusals');
  for (const token of secrets) {
    const [, , secret = ''] = token.split('.');
    t.notOk(log.includes(token), 'no whole token');
    t.notOk(log.includes(secret), 'no secret');
    t.notOk(log.includes(secret.slice(0, 16)), 'not even part of a secret');
  }
});
