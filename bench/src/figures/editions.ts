import { buildApp } from '@semaforo/api';
import { WriteSide, type CommandMetadata } from '@semaforo/commands';
import { formatPeriod, indicatorStream, periodsOf, planIdFor } from '@semaforo/domain';
import { createSqlEventStore } from '@semaforo/event-store';
import { evaluationAsOf } from '@semaforo/projection-evaluation-facts';
import { rebuildProjections } from '@semaforo/projector';
import { allProjections, createLogger } from '@semaforo/runtime';
import { createKysely } from '@semaforo/sql';
import { sql } from 'kysely';
import { loadCatalog } from '../dataset/catalog.js';
import { decideDataset } from '../dataset/decide-dataset.js';
import { generateDataset } from '../dataset/generate-dataset.js';
import { importEvents } from '../dataset/import-events.js';
import { openBenchDatabase, type Driver } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';
import { percentile } from '../harness/run-concurrently.js';

export interface EditionsOptions {
  readonly driver: Driver;
  readonly seed: number;
  readonly indicators: number;
  /** Share of the indicators whose figures change after the edition (0.05: 5 %). */
  readonly changedShare: number;
  readonly reads: number;
  readonly differences: number;
}

const YEAR = 2021;
const PERIOD = `${YEAR}-Q4`;

interface AccessIssuer {
  issue(request: { institutionId: string; role: 'planner'; label: string }, metadata: CommandMetadata): Promise<{ token: string }>;
}

const metadata = (actor: string): CommandMetadata => {
  const requestId = crypto.randomUUID();
  return {
    actor: { id: actor, role: 'planner' },
    source: 'cli',
    requestId,
    correlationId: requestId,
    causationId: requestId,
    recordedAt: new Date().toISOString(),
    newEventId: () => crypto.randomUUID(),
  };
};

/**
 * `editions`: on a plan of `indicators` indicators (a year of the dataset,
 * both read models built), the Q4 evaluation published through the real
 * API (`app.inject`: token, route, read model), then
 * - `editions.<db>.read`: `GET …/editions/1`, one at a time: the stored
 *   bytes, checked against their digest; ceiling: the raw `SELECT` of the
 *   same bytes through the same client;
 * - `editions.<db>.difference`: after a correction of the Q4-window result
 *   of `changedShare` of the indicators, `GET …/editions/1/difference?against=now`;
 *   ceiling: the as-of evaluation at the head alone (`evaluationAsOf`), the
 *   least a difference against now must do.
 * p50 / p99 milliseconds.
 */
export async function editionsFigures(report: Report, options: EditionsOptions): Promise<void> {
  const { driver } = options;
  const db = await openBenchDatabase(driver, { poolSize: 4 });
  try {
    const store = createSqlEventStore(db.sql);
    const dataset = decideDataset(
      generateDataset({ seed: options.seed, institutions: 1, years: 1, firstYear: YEAR, indicatorsPerInstitution: options.indicators, catalog: loadCatalog() }),
    );
    const imported = await importEvents(store, dataset, { batchSize: 2_000 });
    const rebuild = () =>
      rebuildProjections({ store, sql: db.sql, projections: allProjections, clock: () => new Date(), signal: new AbortController().signal });
    await rebuild();
    report.log(`editions.${driver}: ${imported.events} events imported, read models built`);

    const app = await buildApp({
      config: { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'production', runProjector: false, rateLimitPerMinute: 0 },
      store,
      readModels: db.sql,
      sql: db.sql,
      logger: createLogger({ level: 'silent' }),
    });
    try {
      const access = (app as unknown as { access: AccessIssuer }).access;
      const { token } = await access.issue({ institutionId: 'inst-001', role: 'planner', label: 'bench' }, metadata('bench'));
      const headers = { authorization: `Bearer ${token}` };
      const planId = planIdFor('inst-001', YEAR);
      const editions = `/v1/plans/${planId}/evaluations/${PERIOD}/editions`;
      await rebuild();
      const published = await app.inject({ method: 'POST', url: editions, payload: { allowUnapprovedUnits: true }, headers });
      if (published.statusCode !== 201) throw new Error(`editions: publishing answered ${published.statusCode} ${published.body}`);
      const { digest } = published.json<{ edition: { digest: string } }>().edition;

      const kysely = createKysely(db.sql);
      // This process's CPU per call beside the wall-clock times: on a loaded machine the latencies
      // mostly measure waiting for a core, the CPU what the code costs.
      const cpuMs = new Map<string, number>();
      const timed = async (count: number, run: () => Promise<void>, label?: string): Promise<Float64Array> => {
        for (let i = 0; i < 3; i++) await run();
        const ms = new Float64Array(count);
        const cpu = process.cpuUsage();
        for (let i = 0; i < count; i++) {
          const started = performance.now();
          await run();
          ms[i] = performance.now() - started;
        }
        const used = process.cpuUsage(cpu);
        if (label !== undefined) cpuMs.set(label, (used.user + used.system) / 1000 / count);
        return ms.sort();
      };
      let bytes = 0;
      const read = await timed(
        options.reads,
        async () => {
          // As a stream: light-my-request would otherwise copy the megabyte twice and decode it to a string, which a socket never does.
          const response = await app.inject({ method: 'GET', url: `${editions}/1`, headers, payloadAsStream: true });
          if (response.statusCode !== 200) throw new Error(`editions: reading answered ${response.statusCode}`);
          bytes = 0;
          for await (const chunk of response.stream()) bytes += (chunk as Buffer).length;
        },
        'read',
      );
      const select = await timed(options.reads, async () => {
        await sql`SELECT body FROM evaluation_edition_contents WHERE digest = ${digest}`.execute(kysely);
      });
      report.log(
        `editions.${driver}: an edition of ${options.indicators} indicators is ${(bytes / 1024).toFixed(0)} KiB; this process's CPU per read ${cpuMs.get('read')!.toFixed(1)} ms`,
      );
      for (const p of [50, 99]) {
        report.emit(
          figure(`editions.${driver}.read.p${p}`, percentile(read, p), 'ms', { name: `editions.${driver}.select.p${p}`, value: percentile(select, p) }),
        );
      }

      // Correct the latest result in the year of `changedShare` of the indicators (each in the Q4 window: year to date).
      const writeSide = new WriteSide(store);
      const { evaluation: before } = await evaluationAsOf(kysely, { planId, period: PERIOD });
      const step = Math.max(1, Math.round(1 / options.changedShare));
      let corrected = 0;
      for (let i = 0; i < before.indicators.length; i += step) {
        const { code, periodicity } = before.indicators[i]!;
        const period = formatPeriod(periodsOf(YEAR, periodicity).at(-1)!);
        // No catalog value is this one: each correction changes its indicator's figures.
        const value = String(987_654 + i);
        await writeSide.execute(
          indicatorStream(planId, code),
          { type: 'ReportResult', data: { code, period, value, reason: 'Corrección (bench)' } },
          metadata('bench'),
        );
        corrected += 1;
      }
      await rebuild();
      let listed = 0;
      const difference = await timed(
        options.differences,
        async () => {
          const response = await app.inject({ method: 'GET', url: `${editions}/1/difference?against=now`, headers });
          if (response.statusCode !== 200) throw new Error(`editions: the difference answered ${response.statusCode} ${response.body}`);
          listed = response.json<{ indicators: unknown[] }>().indicators.length;
        },
        'difference',
      );
      const evaluation = await timed(options.differences, async () => {
        await evaluationAsOf(kysely, { planId, period: PERIOD });
      });
      report.log(
        `editions.${driver}: ${corrected} results corrected after the edition, ${listed} indicators in the difference; this process's CPU per difference ${cpuMs.get('difference')!.toFixed(1)} ms`,
      );
      for (const p of [50, 99]) {
        report.emit(
          figure(`editions.${driver}.difference.p${p}`, percentile(difference, p), 'ms', {
            name: `as-of.${driver}.head.p${p}`,
            value: percentile(evaluation, p),
          }),
        );
      }
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}
