import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { extname, isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WriteSide } from '@semaforo/commands';
import type { EventStore } from '@semaforo/event-store';
import { DEFAULT_IMPORT_OPTIONS, IMPORT_STRATEGIES, runImport, type ImportFormat, type ImportStrategy, type ImportSummary } from '@semaforo/importer';
import { findRepoRoot, loadConfig, openDeployment } from '@semaforo/runtime';
import { createProgressLine, type ProgressOutput } from './progress-line.js';

export interface ImportCliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where a relative `--file` starts. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  /** Progress and problems: never mixed with what a script reads from stdout. */
  readonly stderr: ProgressOutput;
  /** The log, opened and closed by the command; default: from the environment, as the API does. */
  readonly openStore?: () => Promise<{ store: EventStore; close(): Promise<void> }>;
  readonly now?: () => Date;
}

export const USAGE = `Usage:
  import --plan <planId> --file <file.csv|file.xlsx> [--dry-run] [--strategy create|update|create-and-update]
         [--reason <text>] [--locale es|en] [--lang es|en] [--no-atomic] [--roll-over] [--json]
      Imports a CSV (one sheet) or a workbook (sheets Unidades, Indicadores, Metas, Resultados) into the plan,
      every row through the domain's rules, as POST /v1/plans/{planId}/imports does. Prints the summary
      (--json: the summary as the API answers it); progress on stderr (a bar on a terminal).
  --dry-run   decide every row, append nothing, and show what would change in the evaluation.
  --no-atomic apply the rows without conflicts (by default one conflict and nothing is appended).
  --locale    how typed numbers are written: es (default) 1.219,5; en 1,219.5.
  --roll-over the file's periods are of another year (last year's export): read them as this plan's year.
  Store: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite, default .data/: stop the API first), as for the API.
Exit codes: 0 imported (or a dry run), 1 refused for its conflicts (nothing appended) or failure, 2 bad usage.
`;

class UsageError extends Error {}

/** Rows appended per multi-stream append, one progress update each. */
const CHUNK_ROWS = 500;

/** `pnpm import …`: resolves to the process exit code; never calls `process.exit`. */
export async function runImportCli(argv: readonly string[], io: ImportCliIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    // `pnpm run import -- --plan …` hands the script its own `--` first.
    args = parse(argv[0] === '--' ? argv.slice(1) : argv);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    io.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }

  const path = isAbsolute(args.file) ? args.file : resolve(io.cwd, args.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    io.stderr.write(`Cannot read ${path}: ${(error as Error).message}\n`);
    return 1;
  }

  const opened = await (io.openStore ?? (() => openFromEnvironment(io.env)))();
  const progress = createProgressLine(io.stderr);
  try {
    const store = opened.store;
    io.stderr.write(`${path}: deciding every row…\n`);
    const summary = await runImport(
      { store, writeSide: new WriteSide(store) },
      {
        bytes,
        format: args.format,
        options: {
          ...DEFAULT_IMPORT_OPTIONS,
          planId: args.plan,
          dryRun: args.dryRun,
          strategy: args.strategy,
          atomic: args.atomic,
          rollOver: args.rollOver,
          locale: args.locale,
          language: args.lang,
          ...(args.reason === undefined ? {} : { reason: args.reason }),
        },
        actor: { id: `cli:${safeUser()}`, role: 'planner', units: [] },
        requestId: randomUUID(),
        recordedAt: (io.now ?? (() => new Date()))().toISOString(),
      },
      { chunkRows: CHUNK_ROWS, onProgress: (done, total) => progress.update(done, total) },
    );
    progress.finish();
    io.stdout(args.json ? `${JSON.stringify(summary, null, 2)}\n` : describe(summary));
    return summary.status === 'refused' ? 1 : 0;
  } finally {
    progress.finish();
    await opened.close();
  }
}

async function openFromEnvironment(env: Readonly<Record<string, string | undefined>>) {
  const deployment = await openDeployment(loadConfig(env, { repoRoot: findRepoRoot() }));
  return { store: deployment.store, close: () => deployment.close() };
}

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      plan: { type: 'string' },
      file: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      strategy: { type: 'string', default: 'create-and-update' },
      reason: { type: 'string' },
      locale: { type: 'string', default: 'es' },
      lang: { type: 'string', default: 'es' },
      'no-atomic': { type: 'boolean', default: false },
      'roll-over': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help' as const;
  if (values.plan === undefined || values.file === undefined) throw new UsageError('--plan and --file are required.');
  const extension = extname(values.file).toLowerCase();
  const format: ImportFormat | undefined = extension === '.csv' ? 'csv' : extension === '.xlsx' ? 'xlsx' : undefined;
  if (format === undefined) throw new UsageError(`--file must be a .csv or .xlsx file, got "${values.file}".`);
  if (!(IMPORT_STRATEGIES as readonly string[]).includes(values.strategy)) throw new UsageError(`--strategy must be one of ${IMPORT_STRATEGIES.join(', ')}.`);
  const language = (name: string, value: string): 'es' | 'en' => {
    if (value !== 'es' && value !== 'en') throw new UsageError(`--${name} must be es or en.`);
    return value;
  };
  return {
    plan: values.plan,
    file: values.file,
    format,
    dryRun: values['dry-run'],
    strategy: values.strategy as ImportStrategy,
    atomic: !values['no-atomic'],
    rollOver: values['roll-over'],
    locale: language('locale', values.locale),
    lang: language('lang', values.lang),
    json: values.json,
    ...(values.reason === undefined ? {} : { reason: values.reason }),
  };
}

/** For a person at a terminal: the counts, the grouped conflicts, the evaluation effect. */
export function describe(summary: ImportSummary): string {
  const { counts } = summary;
  const lines = [
    `${summary.planId}: ${summary.status} (${summary.file.rows} rows of a ${summary.file.format}, sha256 ${summary.file.digest.slice(0, 12)}…)`,
    `  created ${counts.created}, updated ${counts.updated}, ignored ${counts.ignored}, refused ${counts.refused}`,
  ];
  if (summary.ignoredSheets.length > 0) lines.push(`  sheets not read: ${summary.ignoredSheets.join(', ')}`);
  for (const group of summary.conflictGroups.slice(0, 30)) {
    const rows = group.rows.length > 12 ? `${group.rows.slice(0, 12).join(', ')}, … (${group.rows.length} rows)` : group.rows.join(', ');
    lines.push(`  ${group.code}${group.sheet === '' ? '' : ` [${group.sheet}]`} rows ${rows}: ${group.message}`);
  }
  if (summary.conflictGroups.length > 30) lines.push(`  … and ${summary.conflictGroups.length - 30} more kinds of conflict (--json lists them all)`);
  const effect = summary.evaluationEffect;
  if (effect !== undefined && effect !== null) {
    lines.push(`  evaluation ${effect.period}: ${effect.changes.length} indicators change status`);
    for (const change of effect.changes.slice(0, 30)) lines.push(`    ${change.code}: ${change.before ?? '(new)'} → ${change.after}`);
  }
  return `${lines.join('\n')}\n`;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
