import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { WriteSide } from '@semaforo/commands';
import { indicatorStream, planStream, signOffStream } from '@semaforo/domain';
import { compareLogPositions, createSqlEventStore, openEventStore, type EventStore } from '@semaforo/event-store';
import { createPostgresClient, type SqlClient, type SqlConnection } from '@semaforo/sql';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import t from 'tap';
import { INDICATORS, RESULTS, TARGETS, UNITS, csv, givenAnOpenPlan, importFile, portsOf, workbook } from './testing/import-fixtures.js';

/*
 * The sign-off's lock holds for a file as for a REST write, also while the
 * approval is committing: the import's multi-stream append is guarded on the
 * plan's sign-off stream at the version its decisions read (issue 13). Two
 * sessions are needed, so this is PostgreSQL only (PGlite has one).
 */

const metadata = () => ({
  actor: { id: 'jefe', role: 'planner' as const },
  source: 'api' as const,
  requestId: randomUUID(),
  correlationId: randomUUID(),
  recordedAt: '2021-03-05T10:00:00.000Z',
  newEventId: randomUUID,
});
const unitPeriod = { unit: 'DSS', period: '2021-M01' };

/** A plan with the fixtures' structure and targets, and DSS's January submitted: one step from approved. */
async function givenASubmittedUnitPeriod(store: EventStore): Promise<string> {
  const ports = portsOf(store);
  const planId = await givenAnOpenPlan(ports);
  const structure = await importFile(ports, planId, await workbook({ Unidades: UNITS, Indicadores: INDICATORS, Metas: TARGETS }), 'xlsx');
  if (structure.status !== 'applied') throw new Error(`the fixture plan did not import: ${JSON.stringify(structure.conflicts)}`);
  await ports.writeSide.execute(signOffStream(planId), { type: 'SubmitUnitPeriod', data: unitPeriod }, metadata());
  return planId;
}

/** The results of DSS's January in the log, and where the approval stands: none of them may come after it. */
async function resultsAfterTheApproval(store: EventStore, planId: string): Promise<{ results: number; afterApproval: number }> {
  const approval = (await store.readStream(signOffStream(planId).name)).events.find((e) => e.type === 'UnitPeriodApproved');
  if (approval === undefined) throw new Error('no approval in the log');
  // Read by stream, not through readAll: on a shared server readAll may hold back what other sessions' open transactions follow.
  const results = (await store.readStream(indicatorStream(planId, 'IE-DSS-2').name)).events.filter(
    (e) => e.type === 'ResultReported' && (e.data as { period?: string }).period === unitPeriod.period,
  );
  return { results: results.length, afterApproval: results.filter((e) => compareLogPositions(e.position, approval.position) > 0).length };
}

/** The versions of the plan's streams the file could write: unchanged means nothing of it was appended. */
const planVersions = async (store: EventStore, planId: string): Promise<number[]> =>
  Promise.all(
    [planStream(planId).name, ...INDICATORS.slice(1).map((row) => indicatorStream(planId, row[0]!).name)].map(
      async (name) => (await store.readStream(name)).version,
    ),
  );

/** A SqlClient whose every query runs on one held connection, so a write through it stays inside that connection's open transaction. */
const onHeldConnection = (conn: SqlConnection): SqlClient => ({
  kind: 'postgres',
  query: (text, params, options) => conn.query(text, params, options),
  connect: () => Promise.reject(new Error('one held connection')),
  transaction: () => Promise.reject(new Error('one held connection')),
  close: async () => undefined,
});

async function someoneWaitsOnAnAdvisoryLock(sql: SqlClient): Promise<void> {
  for (let i = 0; i < 3_000; i++) {
    const { rows } = await sql.query<{ waiting: string }>(
      `SELECT count(*)::text AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    );
    if (rows[0]!.waiting !== '0') return;
    await sleep(10);
  }
  throw new Error('no session ever waited for the advisory lock');
}

if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  const { store, sql } = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
  // The planner's session: a pool of its own, as another API process would have.
  const plannerSql = createPostgresClient({ connectionString: database.connectionString, max: 2 });
  t.teardown(async () => {
    await plannerSql.close();
    await store.close();
    await database.drop();
  });

  t.test(
    'given an approval that has appended but not committed, when a file reports that unit-period, then the import waits, sees it and is refused PERIOD_LOCKED',
    async (t) => {
      const planId = await givenASubmittedUnitPeriod(store);
      const before = await planVersions(store, planId);
      // The planner's approval, inside a transaction still open (its fence holds the sign-off stream).
      const conn = await plannerSql.connect();
      await conn.query('BEGIN');
      await new WriteSide(createSqlEventStore(onHeldConnection(conn))).execute(
        signOffStream(planId),
        { type: 'ApproveUnitPeriod', data: unitPeriod },
        metadata(),
      );

      // The import decided on the sign-off as committed (submitted, not approved): its append waits for the fence.
      const summary = importFile(portsOf(store), planId, csv(RESULTS), 'csv', { language: 'en' });
      await someoneWaitsOnAnAdvisoryLock(sql);
      await conn.query('COMMIT');
      conn.release();

      const answered = await summary;
      t.equal(answered.status, 'refused', 'decided again on the approval, and refused');
      t.same(
        answered.conflicts.map((c) => [c.row, c.code]),
        [[3, 'PERIOD_LOCKED']],
      );
      t.same(await planVersions(store, planId), before, 'nothing of the file appended');
      t.same(await resultsAfterTheApproval(store, planId), { results: 0, afterApproval: 0 });
    },
  );

  t.test('given imports racing a planner approving the same unit-period, then each lands wholly before the approval or is refused, never after', async (t) => {
    const planner = createSqlEventStore(plannerSql);
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const planId = await givenASubmittedUnitPeriod(store);
      // Fresh write sides for both, so neither decides on a warm cache of the other.
      const [summary] = await Promise.all([
        importFile(portsOf(store), planId, csv(RESULTS), 'csv', { language: 'en' }),
        new WriteSide(planner).execute(signOffStream(planId), { type: 'ApproveUnitPeriod', data: unitPeriod }, metadata()),
      ]);
      const landed = await resultsAfterTheApproval(store, planId);
      t.equal(landed.afterApproval, 0, `round ${round}: no result after the lock`);
      if (summary.status === 'applied') t.equal(landed.results, 1, `round ${round}: applied, before the approval`);
      else {
        t.equal(summary.status, 'refused', `round ${round}: else refused`);
        t.same(
          summary.conflicts.map((c) => c.code),
          ['PERIOD_LOCKED'],
        );
        t.equal(landed.results, 0);
      }
      outcomes.add(summary.status);
    }
    t.comment(`outcomes seen: ${[...outcomes].join(', ')}`);
  });
}
