import { openEventStore, type EventStore } from '@semaforo/event-store';
import type { SqlClient } from '@semaforo/sql';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import tap, { type Test } from 'tap';
import { accessHarness, givenPlanOf, type AccessHarness } from '../testing/access-harness.js';
import { tokenFor } from '../testing/auth.js';

interface Opened {
  readonly store: EventStore;
  readonly sql: SqlClient;
}

/**
 * Every case on a fresh store: PGlite in memory, or a database of the real
 * PostgreSQL. Justifications are the subject: adding one twice adds two, so
 * only the key keeps a retry from appending.
 */
const suite = (open: (t: Test) => Promise<Opened>) => async (t: Test) => {
  const setUp = async (t: Test): Promise<AccessHarness & { headers: Record<string, string>; planId: string }> => {
    const opened = await open(t);
    const harness = await accessHarness(t, { opened });
    const admin = await tokenFor(harness.app, 'upisss', 'admin');
    const planId = await givenPlanOf(harness.app, 'upisss', admin.headers);
    return { ...harness, headers: admin.headers, planId };
  };
  const justify = (h: { planId: string; headers: Record<string, string> }, key: string, text = 'Falta de personal', code = 'IN-CONT') => ({
    method: 'POST' as const,
    url: `/v1/plans/${h.planId}/indicators/${code}/justifications/2021-M03`,
    headers: { ...h.headers, 'idempotency-key': key },
    payload: { text },
  });
  const version = async (h: AccessHarness & { planId: string }, code = 'IN-CONT') => (await h.store.readStream(`indicator-${h.planId}/${code}`)).version;

  t.test('given the same key and body twice, one event and the very same answer', async (t) => {
    const h = await setUp(t);
    const before = await version(h);
    const first = await h.app.inject(justify(h, 'retry-1'));
    const second = await h.app.inject(justify(h, 'retry-1'));
    t.equal(first.statusCode, 201);
    t.equal(second.statusCode, 201, 'the original status');
    t.equal(second.body, first.body, 'the original body');
    for (const header of ['etag', 'location', 'content-type']) t.equal(second.headers[header], first.headers[header], header);
    t.equal(second.headers['idempotent-replayed'], 'true');
    t.notOk(first.headers['idempotent-replayed'], 'the first answer is not a replay');
    t.equal(await version(h), before + 1, 'one event');
  });

  t.test('given the same key with another body or another path, 422 IDEMPOTENCY_KEY_REUSED and nothing appended', async (t) => {
    const h = await setUp(t);
    t.equal((await h.app.inject(justify(h, 'reused'))).statusCode, 201);
    const before = await version(h);
    const otherBody = await h.app.inject(justify(h, 'reused', 'Otra justificación'));
    t.equal(otherBody.statusCode, 422);
    t.equal(otherBody.json().code, 'IDEMPOTENCY_KEY_REUSED');
    const otherPath = await h.app.inject(justify(h, 'reused', 'Falta de personal', 'OUT-DSP'));
    t.equal(otherPath.json().code, 'IDEMPOTENCY_KEY_REUSED');
    t.equal(await version(h), before, 'nothing appended');
    t.equal(await version(h, 'OUT-DSP'), 1, 'nothing appended to the other indicator');
  });

  t.test('given 10 concurrent requests with one key, exactly one event and ten identical answers', async (t) => {
    const h = await setUp(t);
    const before = await version(h);
    const answers = await Promise.all(Array.from({ length: 10 }, () => h.app.inject(justify(h, 'storm'))));
    t.same(
      answers.map((answer) => answer.statusCode),
      Array.from({ length: 10 }, () => 201),
    );
    t.equal(new Set(answers.map((answer) => answer.body)).size, 1, 'one body');
    t.equal(answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true').length, 9, 'one execution, nine replays');
    t.equal(await version(h), before + 1, 'exactly one event');
  });

  t.test('given a request that failed, its key is free: the retry executes', async (t) => {
    const h = await setUp(t);
    const missing = justify(h, 'after-fix', 'Falta de personal', 'NEW-ONE');
    t.equal((await h.app.inject(missing)).statusCode, 404, 'no such indicator yet');
    const registered = await h.app.inject({
      method: 'POST',
      url: `/v1/plans/${h.planId}/indicators`,
      headers: h.headers,
      payload: {
        ...JSON.parse((await h.app.inject({ method: 'GET', url: `/v1/plans/${h.planId}/indicators/IN-CONT`, headers: h.headers })).body).definition,
        code: 'NEW-ONE',
      },
    });
    t.equal(registered.statusCode, 201);
    const retried = await h.app.inject(missing);
    t.equal(retried.statusCode, 201, 'executed, not a replay of the 404');
    t.notOk(retried.headers['idempotent-replayed']);
  });

  t.test('keys belong to an institution: the same key elsewhere is another request', async (t) => {
    const h = await setUp(t);
    const isssAdmin = await tokenFor(h.app, 'isss', 'admin');
    const isssPlan = await givenPlanOf(h.app, 'isss', isssAdmin.headers);
    t.equal((await h.app.inject(justify(h, 'shared-key'))).statusCode, 201);
    const elsewhere = await h.app.inject(justify({ planId: isssPlan, headers: isssAdmin.headers }, 'shared-key'));
    t.equal(elsewhere.statusCode, 201);
    t.notOk(elsewhere.headers['idempotent-replayed'], 'executed for the other institution');
  });

  t.test('a key is kept 24 hours, then purged: the same request executes again', async (t) => {
    const h = await setUp(t);
    const keysNamed = async (key: string) =>
      (await h.sql.query<{ count: string }>('SELECT count(*)::text AS count FROM api_idempotency_keys WHERE key = $1', [key])).rows[0]?.count;
    t.equal((await h.app.inject(justify(h, 'day-old'))).statusCode, 201);
    t.equal(await keysNamed('day-old'), '1');
    const start = h.clock.now;
    h.clock.now = new Date(start.getTime() + 23 * 60 * 60 * 1000);
    t.equal((await h.app.inject(justify(h, 'day-old'))).headers['idempotent-replayed'], 'true', 'replayed within 24 hours');
    h.clock.now = new Date(start.getTime() + 24 * 60 * 60 * 1000);
    const before = await version(h);
    const again = await h.app.inject(justify(h, 'other-key'));
    t.equal(again.statusCode, 201);
    t.equal(await keysNamed('day-old'), '0', 'purged by a later request, lazily');
    t.equal((await h.app.inject(justify(h, 'day-old'))).headers['idempotent-replayed'], undefined, 'executed again after 24 hours');
    t.equal(await version(h), before + 2);
  });

  t.test('a key that is not printable ASCII is 400; reads ignore keys', async (t) => {
    const h = await setUp(t);
    const bad = await h.app.inject(justify(h, 'with space'));
    t.equal(bad.statusCode, 400);
    t.equal(bad.json().code, 'INVALID_IDEMPOTENCY_KEY');
    const read = await h.app.inject({ method: 'GET', url: `/v1/plans/${h.planId}`, headers: { ...h.headers, 'idempotency-key': 'with space' } });
    t.equal(read.statusCode, 200);
  });
};

tap.test(
  'Idempotency-Key on PGlite',
  suite(async (t) => {
    const opened = await openEventStore({ dataDir: 'memory://' });
    t.teardown(() => opened.store.close());
    return opened;
  }),
);

tap.test('Idempotency-Key on PostgreSQL', async (t) => {
  // Fails when CI is set and PostgreSQL is unreachable; elsewhere skips loudly.
  if (!(await postgresRequired())) {
    t.plan(0, 'PostgreSQL unreachable');
    return;
  }
  // A database per case; teardowns run last first: the store closes, then its database drops.
  const open = async (t: Test, sharedUrl?: string) => {
    let databaseUrl = sharedUrl;
    if (databaseUrl === undefined) {
      const database = await createTestDatabase();
      t.teardown(() => database.drop());
      databaseUrl = database.connectionString;
    }
    const opened = await openEventStore({ databaseUrl, dataDir: 'unused' });
    t.teardown(() => opened.store.close());
    return opened;
  };

  t.test(
    'the same cases',
    suite((t) => open(t)),
  );

  t.test('given 10 concurrent retries of one key spread over two API processes, exactly one event', async (t) => {
    const database = await createTestDatabase();
    t.teardown(() => database.drop());
    const openedA = await open(t, database.connectionString);
    const openedB = await open(t, database.connectionString);
    const a = await accessHarness(t, { opened: openedA });
    const b = await accessHarness(t, { opened: openedB });
    const admin = await tokenFor(a.app, 'cross', 'admin');
    const planId = await givenPlanOf(a.app, 'cross', admin.headers);
    const request = {
      method: 'POST' as const,
      url: `/v1/plans/${planId}/indicators/IN-CONT/justifications/2021-M04`,
      headers: { ...admin.headers, 'idempotency-key': 'two-processes' },
      payload: { text: 'Reintentos desde dos procesos' },
    };
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).app.inject(request)));
    t.same(new Set(answers.map((answer) => answer.statusCode)), new Set([201]));
    t.equal(new Set(answers.map((answer) => answer.body)).size, 1, 'one body');
    t.equal((await a.store.readStream(`indicator-${planId}/IN-CONT`)).version, 2, 'registered, then one justification');
  });
});
