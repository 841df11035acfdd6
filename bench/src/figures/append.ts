import { WriteSide, type CommandMetadata } from '@semaforo/commands';
import { formatPeriod, indicatorStream, periodsOf, planIdFor, type IndicatorCommand } from '@semaforo/domain';
import { createSqlEventStore } from '@semaforo/event-store';
import { loadCatalog } from '../dataset/catalog.js';
import { formatValue, setupCommands, shapeInstitutions } from '../dataset/generate-dataset.js';
import type { InstitutionShape } from '../dataset/institution.js';
import { Random } from '../dataset/random.js';
import { writeDataset } from '../dataset/write-dataset.js';
import { CpuTotal, sampleCpu } from '../harness/cpu-meter.js';
import { CEILING_COLUMNS, openBenchDatabase, type Driver } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';
import { combineRuns, perSecond, percentile, runConcurrently, type RunResult } from '../harness/run-concurrently.js';

export interface AppendOptions {
  readonly driver: Driver;
  readonly seed: number;
  readonly concurrencies: readonly number[];
  /** Measured commands per concurrency level (the ceiling inserts as many rows). */
  readonly operations: number;
  /** Untimed commands before each measurement: JIT, connections, caches. */
  readonly warmup: number;
  /** Full-catalog institutions whose indicators take the commands. */
  readonly institutions: number;
}

export interface PreparedCommand {
  readonly planId: string;
  readonly command: IndicatorCommand;
  readonly metadata: CommandMetadata;
}

const YEAR = 2024;
/** Alternations of command run and ceiling per concurrency level. */
const ROUNDS = 6;

/**
 * Single-event commands on distinct indicators, round-robin: first a target
 * for every period, then a result for every period. In-flight commands never
 * share a stream (there are far more indicators than workers), so what is
 * measured is the write path, not conflict retries.
 */
export function singleEventCommands(random: Random, institutions: readonly InstitutionShape[]): PreparedCommand[] {
  const slots = institutions.flatMap((institution) =>
    institution.indicators.map((indicator) => ({
      planId: planIdFor(institution.id, YEAR),
      indicator,
      periods: periodsOf(YEAR, indicator.definition.periodicity).map(formatPeriod),
    })),
  );
  const rounds = Math.max(...slots.map((s) => s.periods.length));
  const commands: PreparedCommand[] = [];
  for (const kind of ['SetTarget', 'ReportResult'] as const) {
    for (let round = 0; round < rounds; round++) {
      for (const { planId, indicator, periods } of slots) {
        const period = periods[round];
        if (period === undefined) continue;
        const base = Math.max(Number(indicator.entry.target), 1);
        const value = formatValue(kind === 'SetTarget' ? base : base * random.between(0.6, 1.1), indicator.entry.measure);
        const requestId = random.uuid();
        const eventId = random.uuid();
        // Ids drawn up front: the measured loop should pay for the write path, not for making ids.
        const metadata: CommandMetadata = {
          actor: { id: `planner@${planId}`, role: 'planner' },
          source: 'api',
          requestId,
          correlationId: requestId,
          recordedAt: new Date(Date.UTC(YEAR, round + 1, 5) + commands.length * 1000).toISOString(),
          newEventId: () => eventId,
        };
        commands.push({ planId, command: { type: kind, data: { code: indicator.code, period, value } }, metadata });
      }
    }
  }
  return commands;
}

interface CeilingRow {
  stream_name: string;
  stream_version: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  hash: string;
  previous_hash: string;
}

const CEILING_INSERT = `INSERT INTO bench_ceiling_events (${CEILING_COLUMNS})
VALUES ($1::text, $2::int, $3::uuid, $4::text, $5::jsonb, $6::jsonb, $7::text, $8::text)`;

function latencyFigures(report: Report, name: string, baselineName: string, run: RunResult, ceiling: RunResult): void {
  for (const p of [50, 99]) {
    report.emit(figure(`${name}.p${p}`, percentile(run.latenciesMs, p), 'ms', { name: `${baselineName}.p${p}`, value: percentile(ceiling.latenciesMs, p) }));
  }
}

/**
 * `append`: single-event commands through the command handler (warm
 * aggregate cache, one conditional INSERT per command) against its ceiling,
 * a raw single-row INSERT of the very rows those commands appended, into a
 * twin of the log table, through the same client, pool and concurrency.
 */
export async function appendFigures(report: Report, options: AppendOptions): Promise<void> {
  const { driver, concurrencies, operations, warmup } = options;
  const db = await openBenchDatabase(driver, { poolSize: Math.max(...concurrencies) });
  try {
    const store = createSqlEventStore(db.sql);
    const writeSide = new WriteSide(store);
    const random = new Random(options.seed);
    const catalog = loadCatalog();
    const institutions = shapeInstitutions(
      random,
      { seed: options.seed, institutions: options.institutions, indicatorsPerInstitution: catalog.entries.length },
      catalog,
    );
    const setup = setupCommands(random, institutions, YEAR);
    await writeDataset(writeSide, setup);
    const commands = singleEventCommands(random, institutions);
    const needed = concurrencies.length * (operations + warmup);
    if (commands.length < needed) throw new Error(`append: ${commands.length} commands prepared, ${needed} needed: add institutions`);
    report.log(
      `append.${driver}: ${setup.length} setup commands written (${institutions.length} plans, warm cache), ${commands.length} single-event commands ready`,
    );

    const lastRows = async (count: number): Promise<CeilingRow[]> => {
      const { rows } = await db.sql.query<CeilingRow>(
        `SELECT stream_name, stream_version, event_id::text AS event_id, type, data::text AS data, metadata::text AS metadata, hash, previous_hash
         FROM events ORDER BY global_position DESC LIMIT $1::int`,
        [count],
      );
      return rows.reverse();
    };
    const insert = (row: CeilingRow) =>
      db.sql.query(CEILING_INSERT, [row.stream_name, row.stream_version, row.event_id, row.type, row.data, row.metadata, row.hash, row.previous_hash], {
        name: 'bench_ceiling_insert',
      });

    let cursor = 0;
    let anomalies = 0;
    const execute = async ({ planId, command, metadata }: PreparedCommand): Promise<void> => {
      const result = await writeSide.execute(indicatorStream(planId, command.data.code), command, metadata);
      if (result.appended !== 1) anomalies += 1;
    };
    for (const concurrency of concurrencies) {
      const batch = commands.slice(cursor, cursor + warmup + operations);
      cursor += batch.length;
      await runConcurrently(warmup, concurrency, (i) => execute(batch[i]!));
      const warmRows = await lastRows(warmup);
      await runConcurrently(warmup, concurrency, (i) => insert(warmRows[i]!));

      // On a shared, noisy machine the load changes from second to second: the
      // command run and its ceiling alternate in short rounds, so that both
      // see the same conditions and the ratio holds even when the rates move.
      const runs: RunResult[] = [];
      const ceilings: RunResult[] = [];
      const runCpu = new CpuTotal();
      const ceilingCpu = new CpuTotal();
      const perRound = Math.ceil(operations / ROUNDS);
      for (let done = 0; done < operations; done += perRound) {
        const size = Math.min(perRound, operations - done);
        const offset = warmup + done;
        let before = await sampleCpu(db.sql);
        runs.push(await runConcurrently(size, concurrency, (i) => execute(batch[offset + i]!)));
        runCpu.add(before, await sampleCpu(db.sql));
        // The ceiling replays exactly the rows this round appended: same shape, same size.
        const rows = await lastRows(size);
        before = await sampleCpu(db.sql);
        ceilings.push(await runConcurrently(size, concurrency, (i) => insert(rows[i]!)));
        ceilingCpu.add(before, await sampleCpu(db.sql));
      }
      const run = combineRuns(runs);
      const ceiling = combineRuns(ceilings);

      const name = `append.${driver}.c${concurrency}`;
      const baselineName = `insert.${driver}.c${concurrency}`;
      report.emit(figure(name, perSecond(run), 'commands/s', { name: baselineName, value: perSecond(ceiling) }));
      latencyFigures(report, name, baselineName, run, ceiling);
      const runUs = runCpu.perOperation(operations);
      const ceilingUs = ceilingCpu.perOperation(operations);
      report.emit(figure(`${name}.cpu`, runUs.total, 'µs CPU/command', { name: `${baselineName}.cpu`, value: ceilingUs.total }));
      report.log(`${name}: CPU per command ${runUs.describe}; per raw insert ${ceilingUs.describe}`);
    }
    if (anomalies > 0) report.note(`append.${driver}: ${anomalies} commands did not append exactly one event`);
  } finally {
    await db.close();
  }
}
