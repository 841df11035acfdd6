import { formatLogPosition, createSqlEventStore, type LogPosition } from '@semaforo/event-store';
import { renderEvaluationReport } from '@semaforo/documents';
import { evaluationFactsProjection, reportFactsAsOf } from '@semaforo/projection-evaluation-facts';
import { rebuildProjection } from '@semaforo/projector';
import { createKysely } from '@semaforo/sql';
import { planIdFor } from '@semaforo/domain';
import { loadCatalog } from '../dataset/catalog.js';
import { decideDataset } from '../dataset/decide-dataset.js';
import { generateDataset } from '../dataset/generate-dataset.js';
import { importEvents } from '../dataset/import-events.js';
import { Random } from '../dataset/random.js';
import { openBenchDatabase, type Driver } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';
import { percentile } from '../harness/run-concurrently.js';

export interface ReportXlsxOptions {
  readonly driver: Driver;
  readonly seed: number;
  readonly indicators: number;
  readonly renders: number;
}

const YEAR = 2021;

/**
 * `report-xlsx`: the Q4 evaluation report of a plan of `indicators` indicators as XLSX, as of
 * `renders` random past positions, one at a time, the way the report route makes it: the read
 * model's facts at the position (`reportFactsAsOf`), then the model and the workbook
 * (`renderEvaluationReport`, format xlsx, public version, which costs the same plus the omissions).
 * Milliseconds, p50 / p99 / max; the goal is under 1.5 s.
 */
export async function reportXlsxFigures(report: Report, options: ReportXlsxOptions): Promise<void> {
  const { driver } = options;
  const db = await openBenchDatabase(driver, { poolSize: 4 });
  try {
    const store = createSqlEventStore(db.sql);
    const dataset = decideDataset(
      generateDataset({ seed: options.seed, institutions: 1, years: 1, firstYear: YEAR, indicatorsPerInstitution: options.indicators, catalog: loadCatalog() }),
    );
    const imported = await importEvents(store, dataset, { batchSize: 2_000 });
    await rebuildProjection({ store, sql: db.sql, projection: evaluationFactsProjection, clock: () => new Date(), signal: new AbortController().signal });
    report.log(`report-xlsx.${driver}: ${imported.events} events imported, evaluation facts built`);

    const positions: LogPosition[] = [];
    for (let after: LogPosition | undefined; ;) {
      const page = await store.readAll({ ...(after === undefined ? {} : { after }), limit: 5_000 });
      for (const event of page) positions.push(event.position);
      const last = page[page.length - 1];
      if (last === undefined || page.length < 5_000) break;
      after = last.position;
    }
    const random = new Random(options.seed);
    // Past positions in the second half of the year: most indicators due, most results in.
    const past = Array.from({ length: options.renders }, () => positions[random.int(Math.floor(positions.length / 2), positions.length - 2)]!);

    const kysely = createKysely(db.sql);
    const planId = planIdFor('inst-001', YEAR);
    const render = async (position: LogPosition): Promise<{ ms: number; bytes: number; readMs: number }> => {
      const started = performance.now();
      const at = await reportFactsAsOf(kysely, { planId, period: `${YEAR}-Q4`, asOf: formatLogPosition(position) });
      const readMs = performance.now() - started;
      const rendered = await renderEvaluationReport(
        { evaluation: at.evaluation, facts: at.facts, position: formatLogPosition(at.position), digest: at.digest, datedAt: at.datedAt, language: 'es' },
        { format: 'xlsx', version: 'public' },
      );
      return { ms: performance.now() - started, bytes: rendered.bytes.length, readMs };
    };
    await render(past[0]!);
    const ms = new Float64Array(past.length);
    let readMs = 0;
    let bytes = 0;
    for (const [i, position] of past.entries()) {
      const one = await render(position);
      ms[i] = one.ms;
      readMs += one.readMs;
      bytes = Math.max(bytes, one.bytes);
    }
    ms.sort();
    report.log(
      `report-xlsx.${driver}: reading the facts ${(readMs / past.length).toFixed(0)} ms on average, the rest is the model and the workbook; largest file ${(bytes / 1024).toFixed(0)} KiB`,
    );
    report.emit(figure(`report-xlsx.${driver}.p50`, percentile(ms, 50), 'ms'));
    report.emit(figure(`report-xlsx.${driver}.p99`, percentile(ms, 99), 'ms'));
    report.emit(figure(`report-xlsx.${driver}.max`, ms[ms.length - 1]!, 'ms'));
  } finally {
    await db.close();
  }
}
