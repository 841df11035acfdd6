import { randomUUID } from 'node:crypto';
import { indicatorStream } from '@semaforo/domain';
import { openEventStore } from '@semaforo/event-store';
import t from 'tap';
import { INDICATORS, TARGETS, UNITS, csv, givenAnOpenPlan, importFile, planEvents, portsOf, workbook } from './testing/import-fixtures.js';

// A file goes through the same deciders as a REST write: the indicator's plausibility rules judge its results too.
const { store } = await openEventStore({ dataDir: 'memory://' });
t.teardown(() => store.close());
const ports = portsOf(store);

t.test('given a percent indicator, a file with 120 % imports it with the default warning; a refusing maximum then refuses the row', async (t) => {
  const planId = await givenAnOpenPlan(ports);
  await importFile(ports, planId, await workbook({ Unidades: UNITS, Indicadores: INDICATORS, Metas: TARGETS }), 'xlsx');

  const warned = await importFile(
    ports,
    planId,
    csv([
      ['Código', 'Período', 'Resultado'],
      ['IE-DSP-1', '2021-Q1', '120'],
    ]),
    'csv',
  );
  t.equal(warned.status, 'applied', JSON.stringify(warned.conflicts));
  const reported = (await planEvents(store, planId)).filter((e) => e.type === 'ResultReported');
  t.match(reported, [{ data: { code: 'IE-DSP-1', period: '2021-Q1', value: '120', warnings: [{ rule: 'maximum', level: 'warn', bound: '100' }] } }]);

  await ports.writeSide.execute(
    indicatorStream(planId, 'IE-DSP-1'),
    { type: 'SetPlausibilityRules', data: { code: 'IE-DSP-1', rules: { maximum: { value: '100', level: 'refuse' } } } },
    {
      actor: { id: 'jefe', role: 'planner' },
      source: 'api',
      requestId: randomUUID(),
      correlationId: randomUUID(),
      recordedAt: '2021-07-01T10:00:00.000Z',
      newEventId: randomUUID,
    },
  );
  const before = (await planEvents(store, planId)).length;
  const refused = await importFile(
    ports,
    planId,
    csv([
      ['Código', 'Período', 'Resultado'],
      ['IE-DSP-1', '2021-Q2', '99'],
      ['IE-DSP-1', '2021-Q3', '130'],
    ]),
    'csv',
    { language: 'en' },
  );
  t.equal(refused.status, 'refused');
  t.same(
    refused.conflicts.map((c) => [c.row, c.column, c.code]),
    [[3, 'Resultado', 'IMPLAUSIBLE_RESULT']],
  );
  t.equal(refused.conflicts[0]?.message, "The result is above the indicator's maximum 100.");
  t.equal((await planEvents(store, planId)).length, before, 'nothing appended');
});
