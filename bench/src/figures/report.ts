import { renderEvaluationReport, type ReportFormat } from '@semaforo/documents';
import { planIdFor } from '@semaforo/domain';
import { createSqlEventStore, formatLogPosition, type LogPosition } from '@semaforo/event-store';
import { evaluationFactsProjection, reportFactsAsOf } from '@semaforo/projection-evaluation-facts';
import { rebuildProjection } from '@semaforo/projector';
import { createKysely } from '@semaforo/sql';
import { loadCatalog } from '../dataset/catalog.js';
import { decideDataset } from '../dataset/decide-dataset.js';
import { generateDataset } from '../dataset/generate-dataset.js';
import { importEvents } from '../dataset/import-events.js';
import { Random } from '../dataset/random.js';
import { openBenchDatabase, type Driver } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';
import { percentile } from '../harness/run-concurrently.js';

export interface ReportOptions {
  readonly driver: Driver;
  readonly seed: number;
  readonly indicators: number;
  /** Past positions the HTML report is rendered at (one call each), and the PDF. */
  readonly htmlPositions: number;
  readonly pdfPositions: number;
}

const YEAR = 2021;

/**
 * `report`: the Q2 evaluation report of a plan of `indicators` indicators as a document, at random
 * past positions of its year (after its set-up), the way the API's report route makes it: the read
 * model's facts as of the position (`reportFactsAsOf`), then the model and the layout
 * (`renderEvaluationReport`). HTML and PDF, Spanish, one at a time: p50/p99 ms (for the PDF, whose
 * runs are few, the slowest stands as p99), and the CPU time of this process per render.
 */
export async function reportFigures(report: Report, options: ReportOptions): Promise<void> {
  const { driver } = options;
  const db = await openBenchDatabase(driver, { poolSize: 4 });
  try {
    const store = createSqlEventStore(db.sql);
    const dataset = decideDataset(
      generateDataset({ seed: options.seed, institutions: 1, years: 1, firstYear: YEAR, indicatorsPerInstitution: options.indicators, catalog: loadCatalog() }),
    );
    const imported = await importEvents(store, dataset, { batchSize: 2_000 });
    await rebuildProjection({ store, sql: db.sql, projection: evaluationFactsProjection, clock: () => new Date(), signal: new AbortController().signal });
    report.log(`report.${driver}: ${imported.events} events imported, evaluation facts built`);

    const positions: LogPosition[] = [];
    let setupEnd = -1;
    for (let after: LogPosition | undefined; ;) {
      const page = await store.readAll({ ...(after === undefined ? {} : { after }), limit: 5_000 });
      for (const event of page) {
        if (setupEnd < 0 && event.type === 'TargetSet') setupEnd = positions.length;
        positions.push(event.position);
      }
      const last = page[page.length - 1];
      if (last === undefined || page.length < 5_000) break;
      after = last.position;
    }
    const random = new Random(options.seed);
    const pick = () => positions[random.int(Math.max(setupEnd, 0), positions.length - 2)]!;

    const kysely = createKysely(db.sql);
    const planId = planIdFor('inst-001', YEAR);
    let bytes = 0;
    let cpuMicros = 0;
    const render = async (format: ReportFormat, position: LogPosition): Promise<number> => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const at = await reportFactsAsOf(kysely, { planId, period: `${YEAR}-Q2`, asOf: formatLogPosition(position) });
      const rendered = await renderEvaluationReport(
        { evaluation: at.evaluation, facts: at.facts, position: formatLogPosition(at.position), digest: at.digest, datedAt: at.datedAt, language: 'es' },
        { format },
      );
      bytes = rendered.bytes.length;
      const used = process.cpuUsage(cpu);
      cpuMicros += used.user + used.system;
      return performance.now() - started;
    };
    for (const [format, count] of [
      ['html', options.htmlPositions],
      ['pdf', options.pdfPositions],
    ] as const) {
      // One warm-up each: the first PDF also reads the fonts.
      await render(format, pick());
      cpuMicros = 0;
      const sample = new Float64Array(count);
      for (let i = 0; i < count; i++) sample[i] = await render(format, pick());
      sample.sort();
      report.log(`report.${driver}.${format}: ${count} renders, the last ${bytes} bytes`);
      for (const p of [50, 99]) report.emit(figure(`report.${driver}.${format}.p${p}`, percentile(sample, p), 'ms'));
      // Our process's CPU per render (PostgreSQL's is apart): what the wall time would be on an idle core.
      report.emit(figure(`report.${driver}.${format}.cpu`, cpuMicros / count / 1000, 'ms'));
    }
  } finally {
    await db.close();
  }
}
