import { formatLogPosition, type EventStore } from '@semaforo/event-store';
import {
  ProjectionApplyError,
  ProjectorError,
  readProjectionStatus,
  rebuildProjection,
  runProjections,
  type Projection,
  type ProjectionProgress,
  type ProjectorLogger,
} from '@semaforo/projector';
import {
  ConfigError,
  createLogger,
  findRepoRoot,
  loadConfig,
  openDeployment,
  POSTGRES_REQUIRED,
  startTracing,
  type Config,
  type Deployment,
  type LogLevel,
} from '@semaforo/runtime';
import type { SqlClient } from '@semaforo/sql';
import { createProgressBar, formatDuration, type ProgressOutput } from './progress-bar.js';

export const USAGE = `Usage:
  projector [start]                           run every projection until SIGTERM or SIGINT
  projector rebuild <name> [--batch-size N]   rebuild one projection from zero (progress on stderr), then make it live
  projector status                            each projection's version, state, checkpoint and lag

Environment: DATABASE_URL (PostgreSQL, required), EVENTSTORE_URL (the log on KurrentDB, optional),
LOG_LEVEL (default info), PROJECTOR_BATCH_SIZE (events per transaction; default 1000, 5000 for rebuild).
`;

export interface CliOptions {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** What to run: `allProjections` in production, a toy in tests. */
  readonly projections: readonly Projection[];
  readonly stdout: ProgressOutput;
  readonly stderr: ProgressOutput;
  /** Aborted on SIGTERM or SIGINT: `start` stops, `rebuild` stops between batches. */
  readonly signal: AbortSignal;
  readonly clock?: () => Date;
}

type Command =
  | { readonly name: 'start' }
  | { readonly name: 'status' }
  | { readonly name: 'rebuild'; readonly projection: string; readonly batchSize?: number }
  | { readonly name: 'help' };

function parseArguments(argv: readonly string[]): Command | string {
  const [command = 'start', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') return { name: 'help' };
  if (command === 'start' || command === 'status') return rest.length === 0 ? { name: command } : `${command} takes no arguments`;
  if (command !== 'rebuild') return `unknown command ${JSON.stringify(command)}`;
  let projection: string | undefined;
  let batchSize: number | undefined;
  for (let index = 0; index < rest.length; index += 1) {
    const argument = rest[index]!;
    if (argument === '--batch-size') {
      const value = rest[(index += 1)];
      if (value === undefined || !/^[1-9][0-9]{0,5}$/.test(value)) return '--batch-size needs a whole number from 1 to 999999';
      batchSize = Number(value);
    } else if (projection === undefined && !argument.startsWith('-')) {
      projection = argument;
    } else {
      return `unexpected argument ${JSON.stringify(argument)}`;
    }
  }
  if (projection === undefined) return 'rebuild needs the name of a projection';
  return { name: 'rebuild', projection, ...(batchSize === undefined ? {} : { batchSize }) };
}

/** Runs one command; resolves with the process's exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(options: CliOptions): Promise<number> {
  const command = parseArguments(options.argv);
  if (typeof command === 'string') {
    options.stderr.write(`${command}\n\n${USAGE}`);
    return 2;
  }
  if (command.name === 'help') {
    options.stdout.write(USAGE);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig(options.env, { repoRoot: findRepoRoot(), requirements: [POSTGRES_REQUIRED] });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    options.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (command.name === 'rebuild' && !options.projections.some((p) => p.name === command.projection)) {
    const known = options.projections.map((p) => p.name).join(', ');
    options.stderr.write(`No projection named ${JSON.stringify(command.projection)}. Known: ${known === '' ? '(none)' : known}.\n`);
    return 2;
  }

  // `start` logs JSON on stdout, like the API; the interactive commands keep stdout for their answer.
  const logger = createLogger({
    level: command.name === 'start' ? config.logLevel : atLeastWarn(config.logLevel),
    destination: command.name === 'start' ? options.stdout : options.stderr,
    base: { service: 'projector' },
  });
  // A span per batch when OTEL_EXPORTER_OTLP_ENDPOINT is set; nothing loaded otherwise.
  const tracing = await startTracing(config, 'semaforo-projector');
  let deployment: Deployment;
  try {
    deployment = await openDeployment(config);
  } catch (error) {
    options.stderr.write(`Cannot open the event store: ${messageOf(error)}\n`);
    await tracing?.shutdown().catch(() => undefined);
    return 1;
  }
  const { store, readModels: sql } = deployment;
  const clock = options.clock ?? (() => new Date());
  const run = (): Promise<number> => {
    switch (command.name) {
      case 'start':
        return start({ ...options, store, sql, clock, logger, config });
      case 'rebuild':
        return rebuild({ ...options, store, sql, clock, logger, config }, command.projection, command.batchSize ?? config.projectorBatchSize);
      case 'status':
        return status({ ...options, store, sql });
    }
  };
  try {
    return await run();
  } finally {
    await deployment.close();
    // After the last batch: its span is exported before the process exits.
    await tracing?.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'the last spans could not be exported'));
  }
}

function atLeastWarn(level: LogLevel): LogLevel {
  return level === 'fatal' || level === 'error' || level === 'silent' ? level : 'warn';
}

interface Opened extends CliOptions {
  readonly store: EventStore;
  readonly sql: SqlClient;
}

interface Running extends Opened {
  readonly clock: () => Date;
  readonly logger: ProjectorLogger;
  readonly config: Config;
}

async function start(options: Running): Promise<number> {
  const { logger, projections, signal } = options;
  if (projections.length === 0) {
    logger.warn({}, 'no projection is listed in packages/runtime/src/projections.ts: nothing to run; waiting for SIGTERM');
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
    return 0;
  }
  logger.info({ projections: projections.map((p) => `${p.name} v${p.version}`) }, 'projector running');
  // While catching up, one line per projection every 5 s.
  const loggedAt = new Map<string, number>();
  const onProgress = (p: ProjectionProgress): void => {
    if (p.phase !== 'catching-up') return;
    const key = `${p.name} v${p.version}`;
    if (performance.now() - (loggedAt.get(key) ?? -Infinity) < 5_000) return;
    loggedAt.set(key, performance.now());
    logger.info(
      {
        projection: p.name,
        version: p.version,
        state: p.state,
        eventsDone: p.eventsDone,
        eventsTotal: p.eventsTotal,
        eventsPerSecond: Math.round(p.eventsPerSecond),
      },
      `${key} catching up: ${p.eventsDone}/${p.eventsTotal} events, ETA ${formatDuration(p.etaSeconds)}`,
    );
  };
  await runProjections({
    store: options.store,
    sql: options.sql,
    projections,
    clock: options.clock,
    signal,
    logger,
    onProgress,
    ...(options.config.projectorBatchSize === undefined ? {} : { batchSize: options.config.projectorBatchSize }),
  });
  logger.info({}, 'projector stopped');
  return 0;
}

async function rebuild(options: Running, name: string, batchSize: number | undefined): Promise<number> {
  const projection = options.projections.find((p) => p.name === name)!;
  const bar = createProgressBar(options.stderr);
  try {
    const result = await rebuildProjection({
      store: options.store,
      sql: options.sql,
      projection,
      clock: options.clock,
      signal: options.signal,
      logger: options.logger,
      onProgress: (p) => bar.update(p),
      ...(batchSize === undefined ? {} : { batchSize }),
    });
    bar.finish();
    const rate = result.seconds > 0 ? Math.round(result.eventsRead / result.seconds) : 0;
    const summary = `${result.eventsRead} events read, ${result.eventsApplied} applied, in ${result.seconds.toFixed(1)} s (${rate} events/s)`;
    if (!result.completed) {
      options.stderr.write(
        `Stopped: ${name} v${projection.version} is still building at ${formatLogPosition(result.checkpoint)} after ${summary}. Run rebuild again, or start the projector to finish it.\n`,
      );
      return 1;
    }
    options.stdout.write(`Rebuilt ${name} v${projection.version} in schema ${result.schema}: ${summary}; live at ${formatLogPosition(result.checkpoint)}.\n`);
    return 0;
  } catch (error) {
    bar.finish();
    if (error instanceof ProjectorError || error instanceof ProjectionApplyError) {
      options.stderr.write(`Rebuild of ${name} failed: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function status(options: Opened): Promise<number> {
  const { head, projections: registered } = await readProjectionStatus({ store: options.store, sql: options.sql });
  const inCode = new Set(options.projections.map((p) => `${p.name} v${p.version}`));
  const rows = registered.map((r) => [
    r.name,
    String(r.version),
    r.state,
    formatLogPosition(r.checkpoint),
    String(r.lag),
    String(r.eventsApplied),
    r.updatedAt.toISOString(),
    inCode.has(`${r.name} v${r.version}`) ? '' : '(not in this code)',
  ]);
  for (const p of options.projections) {
    if (!registered.some((r) => r.name === p.name && r.version === p.version)) rows.push([p.name, String(p.version), 'not registered yet', '', '', '', '', '']);
  }
  options.stdout.write(`Head of the log: ${head === null ? 'empty' : formatLogPosition(head)}\n`);
  if (rows.length === 0) {
    options.stdout.write('No projection is registered or listed.\n');
    return 0;
  }
  const table = [['PROJECTION', 'VERSION', 'STATE', 'CHECKPOINT', 'LAG (events, est.)', 'APPLIED', 'UPDATED', ''], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const row of table)
    options.stdout.write(
      `${row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
