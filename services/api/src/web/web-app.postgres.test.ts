import { indicatorStreamName } from '@semaforo/domain';
import { openEventStore } from '@semaforo/event-store';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import tap from 'tap';
import { webHarness } from '../testing/web-harness.js';
import { csrfOf, signIn } from './web-testing.js';

// The web app on the real PostgreSQL: what production runs with DATABASE_URL.
// Fails when CI is set and PostgreSQL is unreachable; elsewhere skips loudly.
if (!(await postgresRequired())) {
  tap.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  tap.teardown(() => database.drop());
  const opened = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
  tap.teardown(() => opened.store.close());
  const h = await webHarness(tap, { opened });
  const { app, planId, tokens } = h;
  const entry = `/app/plans/${planId}/entry/DNGF/2021-M01`;
  const version = async (code: string) => (await h.store.readStream(indicatorStreamName(planId, code))).version;

  tap.test('on PostgreSQL: a reporter enters a result, a second editor gets a conflict, the overview travels back before it', async (t) => {
    const reporter = await signIn(app, tokens.reporter.token);
    const admin = await signIn(app, tokens.admin.token);
    const formA = await reporter.get(entry);
    const formB = await admin.get(entry);
    t.equal(formA.statusCode, 200);
    await h.caughtUp();
    const before = (await admin.get(`/app/plans/${planId}/overview?period=2021-M01`)).body;
    const position = /data-testid="position">([^<]+)</.exec(before)?.[1];
    t.ok(position, 'the page names its position');
    const v = String(await version('IN-DNGF'));
    const saved = await reporter.post(entry, { _csrf: csrfOf(formA.body), 'version.IN-DNGF': v, 'shown.IN-DNGF': '', 'value.IN-DNGF': '100' });
    t.equal(saved.statusCode, 303);
    const conflict = await admin.post(entry, { _csrf: csrfOf(formB.body), 'version.IN-DNGF': v, 'shown.IN-DNGF': '', 'value.IN-DNGF': '10' });
    t.equal(conflict.statusCode, 409);
    t.match(conflict.body, /data-testid="conflict-IN-DNGF"/);
    await h.caughtUp();
    const now = (await admin.get(`/app/plans/${planId}/overview?period=2021-M01`)).body;
    t.match(now, /data-testid="status-good"[\s\S]*IN-DNGF/, 'good now');
    const past = (await admin.get(`/app/plans/${planId}/overview?period=2021-M01&asOf=${position}`)).body;
    t.match(past, /tal como se conocía/);
    t.notMatch(past, /data-testid="status-good"[\s\S]*IN-DNGF/, 'not good before the result');
  });
}
