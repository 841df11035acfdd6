import { formatLogPosition, createSqlEventStore, type LogPosition } from '@semaforo/event-store';
import { evaluationAsOf, evaluationFactsAsOf, evaluationFactsProjection, planFactsAt } from '@semaforo/projection-evaluation-facts';
import { rebuildProjection } from '@semaforo/projector';
import { createKysely } from '@semaforo/sql';
import { evaluatePlan, evaluationDigest, planIdFor } from '@semaforo/domain';
import { loadCatalog } from '../dataset/catalog.js';
import { decideDataset } from '../dataset/decide-dataset.js';
import { generateDataset } from '../dataset/generate-dataset.js';
import { importEvents } from '../dataset/import-events.js';
import { Random } from '../dataset/random.js';
import { openBenchDatabase, type Driver } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';
import { percentile } from '../harness/run-concurrently.js';
import { vacuumReadModel } from '../harness/vacuum-read-model.js';

export interface AsOfOptions {
  readonly driver: Driver;
  readonly seed: number;
  readonly indicators: number;
  readonly pastPositions: number;
  readonly headRepetitions: number;
}

const YEAR = 2021;

/**
 * `as-of`: the Q4 evaluation of a plan of `indicators` indicators (a year of
 * targets, results, revisions, corrections and justifications), answered
 * by the evaluation read model (vacuumed and analyzed first, as autovacuum
 * leaves a deployment's tables) as of `pastPositions` random positions of
 * the log after the plan's set-up, and at the head, one at a time: p50/p99
 * milliseconds. The same call the API and the reporter make.
 */
export async function asOfFigures(report: Report, options: AsOfOptions): Promise<void> {
  const { driver } = options;
  const db = await openBenchDatabase(driver, { poolSize: 4 });
  try {
    const store = createSqlEventStore(db.sql);
    const catalog = loadCatalog();
    const dataset = decideDataset(
      generateDataset({ seed: options.seed, institutions: 1, years: 1, firstYear: YEAR, indicatorsPerInstitution: options.indicators, catalog }),
    );
    const imported = await importEvents(store, dataset, { batchSize: 2_000 });
    const rebuilt = await rebuildProjection({
      store,
      sql: db.sql,
      projection: evaluationFactsProjection,
      clock: () => new Date(),
      signal: new AbortController().signal,
    });
    // As as-of-big-log does, so that the two figures measure the same state of the tables.
    await vacuumReadModel(db.sql);
    report.log(`as-of.${driver}: ${imported.events} events imported, evaluation facts built in ${rebuilt.seconds.toFixed(1)} s, then vacuumed and analyzed`);

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
    const past = Array.from({ length: options.pastPositions }, () => positions[random.int(Math.max(setupEnd, 0), positions.length - 2)]!);

    const db2 = createKysely(db.sql);
    const planId = planIdFor('inst-001', YEAR);
    const evaluate = async (asOf: string | undefined): Promise<number> => {
      const started = performance.now();
      const answer = await evaluationAsOf(db2, { planId, period: `${YEAR}-Q4`, asOf });
      const ms = performance.now() - started;
      if (answer.evaluation === undefined) throw new Error('as-of: no evaluation');
      return ms;
    };
    for (let i = 0; i < 5; i++) await evaluate(undefined);
    const pastMs = new Float64Array(past.length);
    for (const [i, position] of past.entries()) pastMs[i] = await evaluate(formatLogPosition(position));
    const headMs = new Float64Array(options.headRepetitions);
    for (let i = 0; i < options.headRepetitions; i++) headMs[i] = await evaluate(undefined);

    // Where the time goes, step by step, over as many calls at the head as the figure made: which step holds the tail.
    // These are evaluationAsOf's own steps, called one by one so that each can be timed: keep them in step with it.
    const steps = {
      resolving: new Float64Array(options.headRepetitions),
      reading: new Float64Array(options.headRepetitions),
      evaluating: new Float64Array(options.headRepetitions),
      digesting: new Float64Array(options.headRepetitions),
    };
    for (let i = 0; i < options.headRepetitions; i++) {
      const started = performance.now();
      const { schema, position } = await evaluationFactsAsOf(db2, undefined);
      const resolved = performance.now();
      const facts = await planFactsAt(db2, planId, position, schema);
      const read = performance.now();
      const evaluation = evaluatePlan(facts!, `${YEAR}-Q4`);
      const evaluated = performance.now();
      evaluationDigest(evaluation);
      steps.resolving[i] = resolved - started;
      steps.reading[i] = read - resolved;
      steps.evaluating[i] = evaluated - read;
      steps.digesting[i] = performance.now() - evaluated;
    }
    report.log(
      `as-of.${driver}: at the head, step by step over ${options.headRepetitions} calls (p50 / p99 ms): ${Object.entries(steps)
        .map(([step, sample]) => {
          sample.sort();
          return `${step} ${percentile(sample, 50).toFixed(1)} / ${percentile(sample, 99).toFixed(1)}`;
        })
        .join(', ')}`,
    );
    pastMs.sort();
    headMs.sort();
    for (const [which, sample] of [
      ['past', pastMs],
      ['head', headMs],
    ] as const) {
      for (const p of [50, 99]) report.emit(figure(`as-of.${driver}.${which}.p${p}`, percentile(sample, p), 'ms'));
    }
  } finally {
    await db.close();
  }
}
