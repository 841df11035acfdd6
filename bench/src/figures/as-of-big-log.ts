import { randomUUID } from 'node:crypto';
import { evaluationAsOf, evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
import { createSqlEventStore, formatLogPosition, type LogPosition } from '@semaforo/event-store';
import { rebuildProjection } from '@semaforo/projector';
import { copyText, createKysely, SqlClientDialect, type SqlClient, type SqlParameter } from '@semaforo/sql';
import { Kysely } from 'kysely';
import { planIdFor } from '@semaforo/domain';
import { loadCatalog } from '../dataset/catalog.js';
import { decideDataset } from '../dataset/decide-dataset.js';
import { generateDataset } from '../dataset/generate-dataset.js';
import { importEvents } from '../dataset/import-events.js';
import { Random } from '../dataset/random.js';
import { openBenchDatabase } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';
import { percentile } from '../harness/run-concurrently.js';
import { vacuumReadModel } from '../harness/vacuum-read-model.js';

export interface AsOfBigLogOptions {
  readonly seed: number;
  readonly indicators: number;
  /** Other institutions in the big log, each with `years` plans. */
  readonly institutions: number;
  readonly years: number;
  readonly pastPositions: number;
  readonly headRepetitions: number;
}

const YEAR = 2021;
const INSTITUTION = 'inst-001';

interface LogRow {
  stream_name: string;
  stream_version: number;
  type: string;
  data: string;
  metadata: string;
  hash: string;
  previous_hash: string;
}

const COPY_TARGET = { table: 'events', columns: ['stream_name', 'stream_version', 'event_id', 'type', 'data', 'metadata', 'hash', 'previous_hash'] };

/**
 * `as-of-big-log`: the Q4 evaluation of one plan of `indicators` indicators
 * (institution 1, 2021) in a database where it is alone in the log, and in
 * one where `institutions × years` more plans of its size are in it,
 * measured in alternating rounds: p50/p99 ms of each and their ratio (goal:
 * within 20 %).
 *
 * The other plans are the measured plan's events copied under another
 * institution and year (plan ids, stream names and actors rewritten, fresh
 * event ids), loaded with COPY straight into `events`, not through the
 * store: generating and deciding 20 M events would take longer than the
 * figure. Their hash chains are the original's and so do not verify; nothing
 * here reads them. The read model is then REBUILT from zero over the whole
 * log (the projection's own path, so its rows, indexes and statistics are
 * what a deployment would have), not copied.
 */
export async function asOfBigLogFigures(report: Report, options: AsOfBigLogOptions): Promise<void> {
  const catalog = loadCatalog();
  const dataset = [
    ...decideDataset(
      generateDataset({ seed: options.seed, institutions: 1, years: 1, firstYear: YEAR, indicatorsPerInstitution: options.indicators, catalog }),
    ),
  ];
  // Two databases, the plan alone in one and among the others in the second, measured in alternating
  // rounds: on a shared machine both then see the same load, as the append figure does with its ceiling.
  const small = await openBenchDatabase('postgres', { poolSize: 4 });
  const big = await openBenchDatabase('postgres', { poolSize: 4 });
  try {
    const sides = [];
    for (const [which, db] of [
      ['small', small],
      ['big', big],
    ] as const) {
      const store = createSqlEventStore(db.sql);
      const imported = await importEvents(store, dataset, { batchSize: 2_000 });
      const positions = await caughtUp(report, store, imported.events);
      if (which === 'big') {
        const copied = await copyClones(db.sql, options);
        report.log(
          `as-of-big-log: ${imported.events} events of ${INSTITUTION}, then ${copied} more by COPY (${options.institutions * options.years} plans): ${imported.events + copied} in the log`,
        );
        await db.sql.query('ANALYZE events');
      }
      await rebuild(report, db.sql, store, which);
      await vacuumReadModel(db.sql);
      // The same indices into each log's positions: the same moments of the plan's history (transaction ids differ).
      const random = new Random(options.seed);
      const setupEnd = Math.max(positions.setupEnd, 0);
      const past = Array.from({ length: options.pastPositions }, () => positions.all[random.int(setupEnd, positions.all.length - 2)]!);
      sides.push({ which, db, past, pastMs: [] as number[], headMs: [] as number[] });
    }
    for (const side of sides) await measure(side.db.sql, [], 5);
    const rounds = 5;
    for (let round = 0; round < rounds; round++) {
      for (const side of sides) {
        const from = Math.floor((side.past.length * round) / rounds);
        const to = Math.floor((side.past.length * (round + 1)) / rounds);
        const heads = Math.floor((options.headRepetitions * (round + 1)) / rounds) - Math.floor((options.headRepetitions * round) / rounds);
        const measured = await measure(side.db.sql, side.past.slice(from, to), heads);
        side.pastMs.push(...measured.past);
        side.headMs.push(...measured.head);
      }
    }
    for (const side of sides) await explainAsOf(report, side.db.sql, side.past[0]!, side.which);

    const sorted = (values: number[]) => Float64Array.from(values).sort();
    const [smallSide, bigSide] = sides;
    for (const which of ['past', 'head'] as const) {
      const smallMs = sorted(which === 'past' ? smallSide!.pastMs : smallSide!.headMs);
      const bigMs = sorted(which === 'past' ? bigSide!.pastMs : bigSide!.headMs);
      for (const p of [50, 99]) {
        report.emit(
          figure(`as-of-big-log.${which}.p${p}`, percentile(bigMs, p), 'ms', { name: `as-of-small-log.${which}.p${p}`, value: percentile(smallMs, p) }),
        );
      }
    }
  } finally {
    await small.close();
    await big.close();
  }
}

/*
 * Readers see the log only below the oldest transaction still open on the
 * whole cluster (the late-commit rule reads PostgreSQL's snapshot, which is
 * not per database): another database's open transaction on a shared
 * server holds this one's readers back. Wait for it rather than measure an
 * empty log.
 */
async function caughtUp(report: Report, store: ReturnType<typeof createSqlEventStore>, events: number): Promise<{ all: LogPosition[]; setupEnd: number }> {
  for (let waited = 0; ; waited++) {
    const positions = await logPositions(store);
    if (positions.all.length >= events) return positions;
    if (waited % 10 === 0)
      report.log(
        `as-of-big-log: ${positions.all.length} of ${events} events readable: an open transaction elsewhere on the server holds readers back; waiting`,
      );
    if (waited > 600) throw new Error('as-of-big-log: the log did not become readable in 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function logPositions(store: ReturnType<typeof createSqlEventStore>): Promise<{ all: LogPosition[]; setupEnd: number }> {
  const all: LogPosition[] = [];
  let setupEnd = -1;
  for (let after: LogPosition | undefined; ;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), limit: 5_000 });
    for (const event of page) {
      if (setupEnd < 0 && event.type === 'TargetSet') setupEnd = all.length;
      all.push(event.position);
    }
    const last = page[page.length - 1];
    if (last === undefined || page.length < 5_000) break;
    after = last.position;
  }
  return { all, setupEnd };
}

async function rebuild(report: Report, sql: SqlClient, store: ReturnType<typeof createSqlEventStore>, which: string): Promise<void> {
  const rebuilt = await rebuildProjection({ store, sql, projection: evaluationFactsProjection, clock: () => new Date(), signal: new AbortController().signal });
  report.log(
    `as-of-big-log: evaluation facts rebuilt over the ${which} log, ${rebuilt.eventsRead} events in ${rebuilt.seconds.toFixed(1)} s (${Math.round(rebuilt.eventsRead / rebuilt.seconds)} events/s)`,
  );
}

/** Where the time goes: the as-of call's statements, captured, then each under EXPLAIN (ANALYZE, BUFFERS), at the head and at a past position. */
async function explainAsOf(report: Report, sql: SqlClient, past: LogPosition, which: string): Promise<void> {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<unknown>({
    dialect: new SqlClientDialect(sql),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const planId = planIdFor(INSTITUTION, YEAR);
  for (const [at, asOf] of [
    ['head', undefined],
    ['past', formatLogPosition(past)],
  ] as const) {
    captured.length = 0;
    await evaluationAsOf(db, { planId, period: `${YEAR}-Q4`, asOf });
    for (const statement of captured.filter((q) => q.parameters.includes(planId))) {
      const { rows } = await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, [...statement.parameters] as SqlParameter[]);
      const lines = rows.map((row) => row['QUERY PLAN']);
      const scans = lines.filter((line) => /Scan|Heap Fetches|Buffers: shared/.test(line)).map((line) => line.trim());
      report.log(
        `as-of-big-log: EXPLAIN ${which} log, ${at}: ${lines.find((line) => line.startsWith('Execution Time')) ?? ''}; ${scans.slice(0, 6).join(' | ')}`,
      );
    }
  }
}

/** Past positions (all of the measured plan's own history), then the head, one call at a time. */
async function measure(sql: SqlClient, past: readonly LogPosition[], headRepetitions: number): Promise<{ past: Float64Array; head: Float64Array }> {
  const db = createKysely(sql);
  const planId = planIdFor(INSTITUTION, YEAR);
  const evaluate = async (asOf: string | undefined): Promise<number> => {
    const started = performance.now();
    const answer = await evaluationAsOf(db, { planId, period: `${YEAR}-Q4`, asOf });
    const ms = performance.now() - started;
    if (answer.evaluation === undefined) throw new Error('as-of-big-log: no evaluation');
    return ms;
  };
  const pastMs = new Float64Array(past.length);
  for (const [i, position] of past.entries()) pastMs[i] = await evaluate(formatLogPosition(position));
  const headMs = new Float64Array(headRepetitions);
  for (let i = 0; i < headRepetitions; i++) headMs[i] = await evaluate(undefined);
  return { past: pastMs.sort(), head: headMs.sort() };
}

/** Every other plan: the measured plan's rows with its plan id, stream names and actors rewritten; one COPY per plan. */
async function copyClones(sql: SqlClient, options: AsOfBigLogOptions): Promise<number> {
  const { rows } = await sql.query<LogRow>(
    `SELECT stream_name, stream_version, type, data::text AS data, metadata::text AS metadata, hash, previous_hash FROM events ORDER BY global_position`,
  );
  const planId = planIdFor(INSTITUTION, YEAR);
  let copied = 0;
  const conn = await sql.connect();
  try {
    for (let i = 0; i < options.institutions; i++) {
      const institution = `inst-${String(i + 101).padStart(4, '0')}`;
      for (let y = 0; y < options.years; y++) {
        const year = YEAR - options.years + 1 + y;
        const clonePlan = planIdFor(institution, year);
        const rename = (text: string) => text.replaceAll(planId, clonePlan).replaceAll(INSTITUTION, institution);
        const text = copyText(rows, [
          (row) => rename(row.stream_name),
          (row) => row.stream_version,
          () => randomUUID(),
          (row) => row.type,
          (row) => rename(row.data),
          (row) => rename(row.metadata),
          (row) => row.hash,
          (row) => row.previous_hash,
        ]);
        copied += await conn.copyFrom(COPY_TARGET, text);
      }
    }
  } finally {
    conn.release();
  }
  return copied;
}
