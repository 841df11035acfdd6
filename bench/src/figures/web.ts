import { bootstrapAdmin, buildApp } from '@semaforo/api';
import { planIdFor } from '@semaforo/domain';
import { createSqlEventStore, formatLogPosition, type LogPosition } from '@semaforo/event-store';
import { evaluationAsOf } from '@semaforo/projection-evaluation-facts';
import { rebuildProjection } from '@semaforo/projector';
import { allProjections, createLogger } from '@semaforo/runtime';
import { createKysely } from '@semaforo/sql';
import { loadCatalog } from '../dataset/catalog.js';
import { decideDataset } from '../dataset/decide-dataset.js';
import { generateDataset } from '../dataset/generate-dataset.js';
import { importEvents } from '../dataset/import-events.js';
import { Random } from '../dataset/random.js';
import { openBenchDatabase, type Driver } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';
import { percentile } from '../harness/run-concurrently.js';

export interface WebOptions {
  readonly driver: Driver;
  readonly seed: number;
  readonly indicators: number;
  readonly repetitions: number;
}

const YEAR = 2021;

/**
 * `web`: the server time (fastify's `reply.elapsedTime`, from the request's
 * arrival to the last byte handed to the socket) of the web app's plan
 * overview of a plan of `indicators` indicators, at the head and at random
 * past positions, and of an indicator page (the indicator with the most
 * events), over `app.inject` with a bearer token: the same page a browser
 * gets, without the network. Goals: overview p99 < 200 ms, indicator p99 < 50 ms.
 * The overview's baseline, measured in the same loop at the same positions:
 * the evaluation read model's own answer (`evaluationAsOf`, what the API's
 * evaluation route costs before serializing), so the ratio is what the page
 * (authentication, rendering 1,000 rows) adds.
 */
export async function webFigures(report: Report, options: WebOptions): Promise<void> {
  const { driver } = options;
  const db = await openBenchDatabase(driver, { poolSize: 4 });
  try {
    const store = createSqlEventStore(db.sql);
    const catalog = loadCatalog();
    const dataset = decideDataset(
      generateDataset({ seed: options.seed, institutions: 1, years: 1, firstYear: YEAR, indicatorsPerInstitution: options.indicators, catalog }),
    );
    const imported = await importEvents(store, dataset, { batchSize: 2_000 });
    for (const projection of allProjections) {
      await rebuildProjection({ store, sql: db.sql, projection, clock: () => new Date(), signal: new AbortController().signal });
    }
    report.log(`web.${driver}: ${imported.events} events imported, read models built`);

    const positions: LogPosition[] = [];
    const eventsPerStream = new Map<string, number>();
    let setupEnd = -1;
    for (let after: LogPosition | undefined; ;) {
      const page = await store.readAll({ ...(after === undefined ? {} : { after }), limit: 5_000 });
      for (const event of page) {
        if (setupEnd < 0 && event.type === 'TargetSet') setupEnd = positions.length;
        positions.push(event.position);
        if (event.streamName.startsWith('indicator-')) eventsPerStream.set(event.streamName, (eventsPerStream.get(event.streamName) ?? 0) + 1);
      }
      const last = page[page.length - 1];
      if (last === undefined || page.length < 5_000) break;
      after = last.position;
    }
    const busiest = [...eventsPerStream.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (busiest === undefined) throw new Error('web: the dataset has no indicator');
    const code = busiest.slice(busiest.indexOf('/') + 1);

    const institutionId = 'inst-001';
    const planId = planIdFor(institutionId, YEAR);
    const { token } = await bootstrapAdmin(store, { institutionId });
    const app = await buildApp({
      config: { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'production', rateLimitPerMinute: 0 },
      store,
      readModels: db.sql,
      sql: db.sql,
      logger: createLogger({ level: 'silent' }),
    });
    let elapsed = 0;
    app.addHook('onResponse', async (_request, reply) => {
      elapsed = reply.elapsedTime;
    });
    await app.ready();
    const headers = { authorization: `Bearer ${token}` };
    const time = async (url: string): Promise<number> => {
      const response = await app.inject({ method: 'GET', url, headers });
      if (response.statusCode !== 200) throw new Error(`web: ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      return elapsed;
    };
    try {
      const overview = (asOf?: string) => `/app/plans/${planId}/overview?period=${YEAR}-Q4${asOf === undefined ? '' : `&asOf=${asOf}`}`;
      const indicator = `/app/plans/${planId}/indicators/${encodeURIComponent(code)}`;
      for (let i = 0; i < 5; i++) {
        await time(overview());
        await time(indicator);
      }
      const random = new Random(options.seed);
      const n = options.repetitions;
      const kysely = createKysely(db.sql);
      const evaluation = async (asOf: string | undefined): Promise<number> => {
        const started = performance.now();
        await evaluationAsOf(kysely, { planId, period: `${YEAR}-Q4`, asOf });
        return performance.now() - started;
      };
      const samples = { 'overview.head': new Float64Array(n), 'overview.past': new Float64Array(n), indicator: new Float64Array(n) };
      const baselines = { 'overview.head': new Float64Array(n), 'overview.past': new Float64Array(n) };
      for (let i = 0; i < n; i++) {
        samples['overview.head'][i] = await time(overview());
        baselines['overview.head'][i] = await evaluation(undefined);
        const past = formatLogPosition(positions[random.int(Math.max(setupEnd, 0), positions.length - 2)]!);
        samples['overview.past'][i] = await time(overview(past));
        baselines['overview.past'][i] = await evaluation(past);
        samples.indicator[i] = await time(indicator);
      }
      report.log(`web.${driver}: indicator page of ${code} (${eventsPerStream.get(busiest)} events)`);
      for (const sample of [...Object.values(samples), ...Object.values(baselines)]) sample.sort();
      for (const [which, sample] of Object.entries(samples)) {
        const baseline = which === 'indicator' ? undefined : baselines[which as keyof typeof baselines];
        for (const p of [50, 99]) {
          const ceiling =
            baseline === undefined ? undefined : { name: `evaluationAsOf ${which.slice('overview.'.length)} p${p}`, value: percentile(baseline, p) };
          report.emit(figure(`web.${driver}.${which}.p${p}`, percentile(sample, p), 'ms', ceiling));
        }
      }
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}
