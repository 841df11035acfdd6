import { randomUUID } from 'node:crypto';
import { signOffStream } from '@semaforo/domain';
import { openEventStore } from '@semaforo/event-store';
import t from 'tap';
import { INDICATORS, RESULTS, TARGETS, UNITS, csv, givenAnOpenPlan, importFile, planEvents, portsOf, workbook } from './testing/import-fixtures.js';

// The locks of the sign-off (issue 12) hold for a file as for a REST write: the deciders read the sign-off.
const { store } = await openEventStore({ dataDir: 'memory://' });
t.teardown(() => store.close());
const ports = portsOf(store);

t.test('given a unit approved for a month, when a file reports its results, then those rows are refused PERIOD_LOCKED', async (t) => {
  const planId = await givenAnOpenPlan(ports);
  await importFile(ports, planId, await workbook({ Unidades: UNITS, Indicadores: INDICATORS, Metas: TARGETS }), 'xlsx');
  const metadata = () => ({
    actor: { id: 'jefe', role: 'planner' as const },
    source: 'api' as const,
    requestId: randomUUID(),
    correlationId: randomUUID(),
    recordedAt: '2021-03-05T10:00:00.000Z',
    newEventId: randomUUID,
  });
  await ports.writeSide.execute(signOffStream(planId), { type: 'SubmitUnitPeriod', data: { unit: 'DSS', period: '2021-M01' } }, metadata());
  await ports.writeSide.execute(signOffStream(planId), { type: 'ApproveUnitPeriod', data: { unit: 'DSS', period: '2021-M01' } }, metadata());
  const before = (await planEvents(store, planId)).length;

  const summary = await importFile(ports, planId, csv(RESULTS), 'csv', { language: 'en' });
  t.equal(summary.status, 'refused');
  t.same(
    summary.conflicts.map((c) => [c.row, c.column, c.code]),
    [[3, 'Período', 'PERIOD_LOCKED']],
  );
  t.match(summary.conflicts[0]?.message, /unit DSS is approved/);
  t.equal((await planEvents(store, planId)).length, before, 'nothing appended');
});
