import type { Test } from 'tap';
import type { EventStore } from '@semaforo/event-store';
import { INDICATORS, RESULTS, TARGETS, UNITS, csv, givenAnOpenPlan, importFile, planEvents, portsOf, workbook } from './import-fixtures.js';

/**
 * The importer's story on a real store, the same on PGlite and PostgreSQL:
 * a whole workbook into a plan, the same file again, a file with a conflict.
 */
export async function importScenarios(t: Test, store: EventStore): Promise<void> {
  const ports = portsOf(store);

  await t.test(
    'given an open plan, when a whole workbook is imported, then every row is created through the deciders, and again it is all ignored',
    async (t) => {
      const planId = await givenAnOpenPlan(ports);
      const bytes = await workbook({ Unidades: UNITS, Indicadores: INDICATORS, Metas: TARGETS, Resultados: RESULTS });
      const summary = await importFile(ports, planId, bytes, 'xlsx');
      t.equal(summary.status, 'applied');
      t.same(summary.counts, { created: 12, updated: 0, ignored: 0, refused: 0 });
      t.same(summary.conflicts, []);

      const events = await planEvents(store, planId);
      // One multi-stream append: each stream's events together, in the order its rows came.
      t.same(
        events.map((e) => `${e.streamName.replace(planId, 'P')} ${e.type}`),
        [
          'plan-P PlanOpened',
          'plan-P UnitDefined',
          'plan-P UnitDefined',
          'plan-P UnitDefined',
          'indicator-P/IE-DSP-1 IndicatorRegistered',
          'indicator-P/IE-DSP-1 TargetSet',
          'indicator-P/IE-DSP-1 TargetSet',
          'indicator-P/IE-DSP-1 ResultReported',
          'indicator-P/IE-DSS-2 IndicatorRegistered',
          'indicator-P/IE-DSS-2 TargetSet',
          'indicator-P/IE-DSS-2 TargetSet',
          'indicator-P/IE-DSS-2 ResultReported',
          'indicator-P/IE-DSS-2 ResultReported',
        ],
      );
      const target = events.find((e) => e.type === 'TargetSet' && e.data['period'] === '2021-M01');
      t.equal(target?.data['value'], '1000', 'the Spanish "1.000" is one thousand');
      t.equal(events.find((e) => e.type === 'ResultReported' && e.data['period'] === '2021-Q1')?.data['value'], '96.5');
      t.equal(events[1]?.metadata.source, 'import');
      t.equal(events[1]?.metadata.actor.id, 'token-planner');

      const again = await importFile(ports, planId, bytes, 'xlsx');
      t.same(again.counts, { created: 0, updated: 0, ignored: 12, refused: 0 }, 'the same file again: the same values, all ignored');
      t.equal((await planEvents(store, planId)).length, events.length, 'and nothing appended');
    },
  );

  await t.test('given a file with one bad row, when imported atomically, then nothing is appended; with atomic=false, the good rows are', async (t) => {
    const planId = await givenAnOpenPlan(ports);
    await importFile(ports, planId, await workbook({ Unidades: UNITS, Indicadores: INDICATORS }), 'xlsx');
    const before = (await planEvents(store, planId)).length;
    const file = csv([RESULTS[0]!, ['IE-DSS-2', '2021-M01', '1.020'], ['IE-DSS-2', '2022-M02', '700'], ['IE-DSS-2', '2021-M03', 'setecientos']]);

    const refused = await importFile(ports, planId, file, 'csv');
    t.equal(refused.status, 'refused');
    t.same(refused.counts, { created: 1, updated: 0, ignored: 0, refused: 2 });
    t.same(
      refused.conflicts.map((c) => [c.row, c.column, c.cell, c.code]),
      [
        [3, 'Período', '', 'PERIOD_OUTSIDE_PLAN_YEAR'],
        [4, 'Resultado', 'setecientos', 'NOT_A_NUMBER'],
      ],
    );
    t.match(refused.conflicts[0]?.message, /fuera del año fiscal del plan \(2021\)/);
    t.equal((await planEvents(store, planId)).length, before, 'atomic: nothing appended');

    const partial = await importFile(ports, planId, file, 'csv', { atomic: false, language: 'en' });
    t.equal(partial.status, 'partial');
    t.match(partial.conflicts[1]?.message, /"Resultado" is not a number/);
    t.equal((await planEvents(store, planId)).length, before + 1, 'atomic=false: the good row is appended');
  });
}
