import { CommandHandler, type Event } from '@event-driven-io/emmett';
import { defaultPostgreSQLOptions, getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { WriteSide } from '@semaforo/commands';
import { indicatorStream, planIdFor, planStream, signOffStream, type IndicatorEvent, type IndicatorState } from '@semaforo/domain';
import { createSqlEventStore } from '@semaforo/event-store';
import { loadCatalog } from '../dataset/catalog.js';
import { setupCommands, shapeInstitutions } from '../dataset/generate-dataset.js';
import { Random } from '../dataset/random.js';
import { writeDataset } from '../dataset/write-dataset.js';
import { openBenchDatabase } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';
import { combineRuns, perSecond, percentile, runConcurrently, type RunResult } from '../harness/run-concurrently.js';
import { singleEventCommands, type PreparedCommand } from './append.js';

export interface EmmettOptions {
  readonly seed: number;
  readonly concurrencies: readonly number[];
  readonly operations: number;
  readonly warmup: number;
}

const YEAR = 2024;
/** Alternations of Emmett's run and ours per concurrency level, as the append figure alternates with its ceiling. */
const ROUNDS = 6;

type StoredEvent = Event<string, Record<string, unknown>, Record<string, unknown>>;

/**
 * `emmett.postgres.c<N>`: the append figure's workload (the same single-event
 * commands on indicator streams, the same deciders) through Emmett's
 * published PostgreSQL event store and its `CommandHandler`: read the
 * stream, fold it, decide, append one event with the expected version. Its
 * own tables (`emt_*`) in a database of its own, created by its
 * auto-migration; its default pool. The plan and sign-off context is read
 * once, as our warm cache holds it: what is compared is the indicator
 * stream's read-decide-append, which Emmett does on every command (it keeps
 * no aggregate cache).
 *
 * Ours runs in the same figure, on the same commands, against its own log in
 * the same database: `emmett.postgres.c<N>.semaforo`, with Emmett's rate as
 * its baseline (its ratio is how many times Emmett's rate ours is). The two
 * alternate in short rounds, as the append figure does with its ceiling, so
 * that both see the same load: compared from two figures a few minutes
 * apart, the same code came out 1.9× and 3.7×.
 */
export async function emmettFigures(report: Report, options: EmmettOptions): Promise<void> {
  // Our side with the append figure's pool (one connection per command in flight); Emmett's with its default.
  const db = await openBenchDatabase('postgres', { poolSize: Math.max(...options.concurrencies) });
  // Emmett's default pool, made here so that this figure can end it: dumbo shares pools by connection
  // string with a use count, so the store's close() may leave it open, and dropping the database then
  // terminated its idle connections with nobody listening, which crashed the run.
  const pool = new pg.Pool({ connectionString: db.location });
  pool.on('error', () => undefined);
  const emmett = getPostgreSQLEventStore(db.location, { ...defaultPostgreSQLOptions, connectionOptions: { pool } });
  try {
    const store = createSqlEventStore(db.sql);
    const writeSide = new WriteSide(store);
    const random = new Random(options.seed);
    const catalog = loadCatalog();
    const institutions = shapeInstitutions(random, { seed: options.seed, institutions: 1, indicatorsPerInstitution: catalog.entries.length }, catalog);
    const setup = setupCommands(random, institutions, YEAR);
    await writeDataset(writeSide, setup);
    const commands = singleEventCommands(random, institutions);
    const needed = options.concurrencies.length * (options.operations + options.warmup);
    if (commands.length < needed) throw new Error(`emmett: ${commands.length} commands prepared, ${needed} needed`);

    const planId = planIdFor(institutions[0]!.id, YEAR);
    const plan = (await writeSide.read(planStream(planId))).state;
    const signOff = (await writeSide.read(signOffStream(planId))).state;
    // Each indicator's registration, copied into Emmett's streams: the state its decisions start from.
    const codes = [...new Set(commands.map((c) => c.command.data.code))];
    for (const code of codes) {
      const name = indicatorStream(planId, code).name;
      const { events } = await store.readStream(name);
      await emmett.appendToStream<StoredEvent>(
        name,
        events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata as unknown as Record<string, unknown> })),
      );
    }
    report.log(`emmett.postgres: ${setup.length} setup commands written, ${codes.length} indicator streams copied into Emmett's store`);

    const { decider } = indicatorStream(planId, codes[0]!);
    const handle = CommandHandler<IndicatorState, StoredEvent>({
      evolve: (state, event) => decider.evolve(state, event as unknown as IndicatorEvent),
      initialState: () => decider.initialState(),
    });
    let anomalies = 0;
    const execute = async ({ command, metadata }: PreparedCommand): Promise<void> => {
      const name = indicatorStream(planId, command.data.code).name;
      const result = await handle(emmett, name, (state) =>
        decider.decide(command, state, { plan, signOff, recordedAt: metadata.recordedAt }).map((event) => ({
          type: event.type,
          data: event.data,
          // The metadata our envelope records, so both stores write rows of the same size.
          metadata: {
            actor: metadata.actor,
            source: metadata.source,
            requestId: metadata.requestId,
            correlationId: metadata.correlationId,
            recordedAt: metadata.recordedAt,
          },
        })),
      );
      if (result.newEvents.length !== 1) anomalies += 1;
    };

    const ours = async ({ command, metadata }: PreparedCommand): Promise<void> => {
      const result = await writeSide.execute(indicatorStream(planId, command.data.code), command, metadata);
      if (result.appended !== 1) anomalies += 1;
    };

    let cursor = 0;
    for (const concurrency of options.concurrencies) {
      const batch = commands.slice(cursor, cursor + options.warmup + options.operations);
      cursor += batch.length;
      // Both stores get every command of the batch once, each into its own log.
      await runConcurrently(options.warmup, concurrency, (i) => execute(batch[i]!));
      await runConcurrently(options.warmup, concurrency, (i) => ours(batch[i]!));
      const theirs: RunResult[] = [];
      const our: RunResult[] = [];
      const perRound = Math.ceil(options.operations / ROUNDS);
      for (let done = 0; done < options.operations; done += perRound) {
        const size = Math.min(perRound, options.operations - done);
        const offset = options.warmup + done;
        theirs.push(await runConcurrently(size, concurrency, (i) => execute(batch[offset + i]!)));
        our.push(await runConcurrently(size, concurrency, (i) => ours(batch[offset + i]!)));
      }
      const emmettRun = combineRuns(theirs);
      const ourRun = combineRuns(our);
      const name = `emmett.postgres.c${concurrency}`;
      report.emit(figure(name, perSecond(emmettRun), 'commands/s'));
      for (const p of [50, 99]) report.emit(figure(`${name}.p${p}`, percentile(emmettRun.latenciesMs, p), 'ms'));
      report.emit(figure(`${name}.semaforo`, perSecond(ourRun), 'commands/s', { name, value: perSecond(emmettRun) }));
      for (const p of [50, 99]) {
        report.emit(
          figure(`${name}.semaforo.p${p}`, percentile(ourRun.latenciesMs, p), 'ms', { name: `${name}.p${p}`, value: percentile(emmettRun.latenciesMs, p) }),
        );
      }
    }
    if (anomalies > 0) report.note(`emmett.postgres: ${anomalies} commands (Emmett's or ours) did not append exactly one event`);
  } finally {
    await emmett.close();
    await pool.end();
    await db.close();
  }
}
