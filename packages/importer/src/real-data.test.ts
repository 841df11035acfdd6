import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openEventStore } from '@semaforo/event-store';
import t from 'tap';
import { createMemoryImportJobStore } from './jobs/memory-import-job-store.js';
import { ImportJobRunner } from './jobs/import-job-runner.js';
import { DEFAULT_IMPORT_OPTIONS } from './import-options.js';
import { PLANNER, givenAnOpenPlan, importFile, planEvents, portsOf } from './testing/import-fixtures.js';

// The national catalog, as committed in tests/fixtures/iess-catalog (made from the seed by a script; never the seed itself).
const fixtures = fileURLToPath(new URL('../../../tests/fixtures/iess-catalog/', import.meta.url));
const { store } = await openEventStore({ dataDir: 'memory://' });
t.teardown(() => store.close());
const ports = portsOf(store);
const planId = await givenAnOpenPlan(ports);

t.test('the whole catalog workbook: every unit and indicator, every target its locale can read', async (t) => {
  const workbook = readFileSync(join(fixtures, 'catalogo-iess-2021.xlsx'));

  // The catalog writes most targets the English way (95.54%, -375,123,611$) and a few the Spanish way (0,5):
  // read as Spanish, the English ones are refused, never guessed.
  const spanish = await importFile(ports, planId, workbook, 'xlsx', { dryRun: true, locale: 'es' });
  t.same(spanish.counts, { created: 5654, updated: 0, ignored: 5872, refused: 935 });
  t.same(
    spanish.conflictGroups.map((g) => [g.sheet, g.code, g.rows.length]),
    [['Metas', 'NUMBER_WRONG_SEPARATOR', 935]],
  );

  const english = await importFile(ports, planId, workbook, 'xlsx', { locale: 'en', atomic: false });
  t.equal(english.status, 'partial');
  // 3 perspectives + 44 units + 670 indicators + 5,871 targets; the prefilled, empty Resultados rows are ignored.
  t.same(english.counts, { created: 6588, updated: 0, ignored: 5872, refused: 1 });
  t.same(
    english.conflicts.map((c) => [c.sheet, c.column, c.cell, c.code]),
    [['Metas', 'Meta', '0,5', 'NUMBER_WRONG_SEPARATOR']],
  );
  const events = await planEvents(store, planId);
  const count = (type: string) => events.filter((e) => e.type === type).length;
  t.same([count('PerspectiveAdded'), count('UnitDefined'), count('IndicatorRegistered'), count('TargetSet')], [3, 44, 670, 5871]);
  const negative = events.filter((e) => e.type === 'TargetSet' && typeof e.data['value'] === 'string' && e.data['value'].startsWith('-'));
  t.equal(new Set(negative.map((e) => e.data['code'])).size, 4, 'the four financial gaps, negative targets in every period');
  t.equal(negative[0]?.data['value'], '-375123611');
});

t.test('a year of monthly results as a job: progress chunk by chunk, then the summary', async (t) => {
  const kept = createMemoryImportJobStore();
  const seen: number[] = [];
  // The job's record of itself, update by update: what `GET` of the job shows while it runs.
  const jobs = {
    ...kept,
    record: async (jobId: string, update: Parameters<typeof kept.record>[1]) => {
      if (update.state === 'running') seen.push(update.rowsDone);
      await kept.record(jobId, update);
    },
  };
  const runner = new ImportJobRunner(ports, jobs, { chunkRows: 1_000 });
  const bytes = readFileSync(join(fixtures, 'resultados-2021.csv'));
  await runner.submit({
    jobId: 'job-results-2021',
    format: 'csv',
    options: { ...DEFAULT_IMPORT_OPTIONS, planId },
    actor: PLANNER,
    requestId: 'req-results',
    recordedAt: '2022-01-20T12:00:00.000Z',
    bytes,
  });
  await runner.idle();
  const view = await jobs.get('job-results-2021');
  t.equal(view?.state, 'done');
  t.equal(view?.rowsTotal, 5872);
  t.same(view?.summary?.counts, { created: 5872, updated: 0, ignored: 0, refused: 0 });
  t.same(seen, [0, 1000, 2000, 3000, 4000, 5000, 5872], 'decided (0 done), then each chunk of 1,000 rows');
  const results = (await planEvents(store, planId)).filter((e) => e.type === 'ResultReported' || e.type === 'NoDataReported');
  t.equal(results.length, 5872);
  t.equal(results.filter((e) => e.type === 'NoDataReported').length, 69);
});
