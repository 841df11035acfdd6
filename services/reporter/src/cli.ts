import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  isReportLayout,
  LATEST_CSV_VERSION,
  LATEST_REPORT_LAYOUT,
  parseCsvVersion,
  REPORT_FORMATS,
  REPORT_VERSIONS,
  verifyReport,
  type CsvVersion,
  type DocumentLanguage,
  type ReportFormat,
  type ReportVersion,
} from '@semaforo/documents';
import { DomainError, tryParsePeriod } from '@semaforo/domain';
import type { EventStore } from '@semaforo/event-store';
import { findRepoRoot, loadConfig, openDeployment, renderEditionReport, renderReportAt } from '@semaforo/runtime';
import { openReadSide, type ReadSide } from './open-read-side.js';
import { regenerate } from './regenerate.js';
import { readEdition } from './read-edition.js';
import { verify } from './verify.js';
import { formatLogVerification, verifyLog } from './verify-log.js';

export interface ReporterIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where a relative `--out` starts. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  /** Progress and problems: never mixed with what a script reads from stdout. */
  readonly stderr: (text: string) => void;
  /** How the store is opened; tests pass one they already hold. Default: from the environment, as the API does. */
  readonly openReadSide?: () => Promise<ReadSide>;
  /** The log alone, for `verify-log` (closed by the command). Default: from the environment, as the API does. */
  readonly openStore?: () => Promise<EventStore>;
}

export const USAGE = `Usage:
  report regenerate --plan <planId> --period <period> [--as-of <position|instant>] [--out <dir>] [--lang es|en]
                    [--csv-version 1|2|3]
      Writes <plan>-<period>.json (canonical JSON: its SHA-256 is the digest) and the CSV files, and prints
      "<digest>  <json file>" (sha256sum's format). CSV version 3 (the default; 2 the same but with negative
      numbers prefixed too): evaluacion-<plan>-<period>.csv and resumen-<plan>-<period>.csv (evaluation-… and
      summary-… in English), with a UTF-8 BOM and formula-like cells neutralised, and <plan>-<period>.manifest.json recording the version. Version 1: exactly what an
      old report has, <plan>-<period>.csv and <plan>-<period>-summary.csv, byte for byte, and no manifest.
  report verify --plan <planId> [--as-of <position|instant>]
      For every period of the plan's year, compares the read model's evaluation with the in-memory
      evaluator's (raw events folded up to the same position); prints each difference; exit 1 when any.

  report render --plan <planId> --period <period> --format html|pdf|xlsx [--lang es|en] [--as-of <position|instant>]
                [--layout v1 | --edition <n>] [--version internal|public] --out <file or dir/>
      Writes the evaluation report as a document (the API's GET …/evaluations/{period}/report, byte for byte);
      into a directory (an existing one, or a path ending in /) under its own name: informe-<plan>-<period>.pdf
      (report-… in English). --version public omits every reserved text (marked as omitted) and adds the
      legal notice. --edition <n>: published edition n (the API's GET …/editions/{n}/report, byte for byte), at
      its position, with its number and the layout it recorded (informe-<plan>-<period>-e<n>.pdf).
      Prints "<file>" and, on stderr, the position, digest and layout it records.
  report verify-document <file>
      Reads the plan, period, position, digest, layout, format, language and version the report prints,
      regenerates it from the read model and compares byte for byte (an edition's copy: as that edition, at its
      position with its recorded layout). Prints "genuine" or "NOT GENUINE: …";
      exit 0 when genuine, 1 otherwise.

  report verify-log
      Walks the whole event log and checks every stream: versions 1..n with no gap, each event's link to the
      one before and its hash recomputed from its content. Prints a summary, then one line per damaged stream
      naming its first bad event (stream, version, position, event id); exit 1 when any.

  --as-of   a log position "<commit>:<prepare>" or an ISO-8601 instant (the newest watermark observed at or
            before it); default: the read model's current position.
  Store: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite, default .data/), as for the API.
Exit codes: 0 done (verify: no difference), 1 differences or failure, 2 bad usage.
`;

class UsageError extends Error {}

/** Runs one reporter command; resolves to the process exit code. Never calls `process.exit`. */
export async function runReporter(argv: readonly string[], io: ReporterIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    io.stderr(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.name === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command.name === 'verify-log') return runVerifyLog(io);
  let file: Buffer | undefined;
  if (command.name === 'verify-document') {
    try {
      file = await readFile(resolve(io.cwd, command.file));
    } catch (error) {
      io.stderr(`Cannot read ${command.file}: ${messageOf(error)}\n`);
      return 1;
    }
  }

  let readSide: ReadSide;
  try {
    readSide = await (io.openReadSide ?? (() => openReadSide(io.env, (line) => io.stderr(`${line}\n`))))();
  } catch (error) {
    io.stderr(`Cannot open the store: ${messageOf(error)}\n`);
    return 1;
  }
  try {
    if (command.name === 'render') return await runRender(readSide, command, io);
    if (command.name === 'verify-document') return await runVerifyDocument(readSide, file!, command.file, io);
    if (command.name === 'regenerate') {
      const outDir = isAbsolute(command.outDir) ? command.outDir : resolve(io.cwd, command.outDir);
      const result = await regenerate(readSide.db, { ...command, outDir });
      const written = Object.values(result.files).filter((file) => file !== null);
      io.stderr(
        `${command.planId} ${command.period} at position ${result.position}${command.asOf === undefined ? '' : ` (as of ${command.asOf})`}: ` +
          `wrote ${written.join(', ')} (CSV version ${command.csvVersion})\n`,
      );
      io.stdout(`${result.digest}  ${result.files.json}\n`);
      return 0;
    }
    const verification = await verify(readSide.db, readSide.store, {
      planId: command.planId,
      asOf: command.asOf,
      onProgress: (message) => io.stderr(`${message}\n`),
    });
    const { position } = verification;
    if (!verification.planInReadModel && !verification.planInLog) {
      io.stderr(`There is no plan ${command.planId} at position ${position}.\n`);
      return 1;
    }
    if (verification.planInReadModel !== verification.planInLog) {
      io.stdout(
        `DIFFERENT at position ${position}: the plan is ${verification.planInLog ? 'in the log but not in the read model' : 'in the read model but not in the log'}\n`,
      );
      return 1;
    }
    for (const verdict of verification.periods) {
      if (verdict.same) {
        io.stdout(`${verdict.period}\tsame\t${verdict.readModelDigest ?? '(not evaluable)'}\n`);
        continue;
      }
      io.stdout(`${verdict.period}\tDIFFERENT\tread model ${verdict.readModelDigest ?? '(error)'}\tin-memory ${verdict.inMemoryDigest ?? '(error)'}\n`);
      for (const difference of verdict.differences) {
        io.stdout(`  ${difference.path}: read model ${difference.left}, in-memory ${difference.right}\n`);
      }
    }
    const different = verification.periods.filter((verdict) => !verdict.same).length;
    io.stdout(
      different === 0
        ? `${command.planId} at position ${position}: all ${verification.periods.length} periods agree\n`
        : `${command.planId} at position ${position}: ${different} of ${verification.periods.length} periods differ\n`,
    );
    return different === 0 ? 0 : 1;
  } catch (error) {
    io.stderr(`${describeFailure(error)}\n`);
    return 1;
  } finally {
    await readSide.close();
  }
}

type Command =
  | { readonly name: 'help' }
  | {
      readonly name: 'regenerate';
      readonly planId: string;
      readonly period: string;
      readonly asOf: string | undefined;
      readonly outDir: string;
      readonly language: DocumentLanguage;
      readonly csvVersion: CsvVersion;
    }
  | { readonly name: 'verify'; readonly planId: string; readonly asOf: string | undefined }
  | { readonly name: 'verify-log' }
  | RenderCommand
  | { readonly name: 'verify-document'; readonly file: string };

interface RenderCommand {
  readonly name: 'render';
  readonly planId: string;
  readonly period: string;
  readonly asOf: string | undefined;
  readonly format: ReportFormat;
  readonly language: DocumentLanguage;
  readonly layout: string;
  readonly version: ReportVersion;
  readonly out: string;
  readonly edition: number | null;
}

function parseCommand(argv: readonly string[]): Command {
  // `pnpm start -- verify ...` may hand the separator through.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const [name, ...rest] = args;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return { name: 'help' };
  if (name === 'verify-log') {
    if (rest.length > 0) throw new UsageError('verify-log takes no options: it checks the whole log.');
    return { name };
  }
  if (name === 'verify-document') {
    if (rest.length !== 1 || rest[0]!.startsWith('--')) throw new UsageError('verify-document takes one file.');
    return { name, file: rest[0]! };
  }
  if (name === 'render') return parseRender(rest);
  if (name !== 'regenerate' && name !== 'verify') throw new UsageError(`Unknown command ${JSON.stringify(name)}.`);
  const { values } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: false,
    options: {
      plan: { type: 'string' },
      period: { type: 'string' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      'csv-version': { type: 'string' },
    },
  });
  const planId = values.plan;
  if (planId === undefined || planId === '') throw new UsageError(`${name} needs --plan <planId>.`);
  const asOf = values['as-of'];
  if (name === 'verify') {
    if (values.period !== undefined || values.out !== undefined || values.lang !== undefined || values['csv-version'] !== undefined) {
      throw new UsageError('verify takes --plan and --as-of only: it checks every period of the plan.');
    }
    return { name, planId, asOf };
  }
  const period = values.period;
  if (period === undefined || tryParsePeriod(period) === null) {
    throw new UsageError('regenerate needs --period <period>, e.g. 2023-Q2 (YYYY, YYYY-S1, YYYY-T1, YYYY-Q1, YYYY-B1, YYYY-M01).');
  }
  const language = values.lang ?? 'es';
  if (language !== 'es' && language !== 'en') throw new UsageError('--lang is es or en.');
  const csvVersion = values['csv-version'] === undefined ? LATEST_CSV_VERSION : parseCsvVersion(values['csv-version']);
  if (csvVersion === null) throw new UsageError('--csv-version is 1, 2 or 3.');
  return { name, planId, period, asOf, outDir: values.out ?? '.', language, csvVersion };
}

function parseRender(rest: readonly string[]): RenderCommand {
  const { values } = parseArgs({
    args: [...rest],
    strict: true,
    allowPositionals: false,
    options: {
      plan: { type: 'string' },
      period: { type: 'string' },
      'as-of': { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      layout: { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
      edition: { type: 'string' },
    },
  });
  const planId = values.plan;
  if (planId === undefined || planId === '') throw new UsageError('render needs --plan <planId>.');
  const editionText = values.edition;
  if (editionText !== undefined && !/^[1-9]\d{0,6}$/.test(editionText)) throw new UsageError('--edition is an edition number: 1, 2, …');
  // An edition is its own position and its own recorded layout: neither can be asked for beside it.
  if (editionText !== undefined && (values['as-of'] !== undefined || values.layout !== undefined)) {
    throw new UsageError('--edition renders the edition at its own position with its recorded layout: it takes no --as-of or --layout.');
  }
  const version = values.version ?? 'internal';
  if (!(REPORT_VERSIONS as readonly string[]).includes(version)) throw new UsageError(`--version is ${REPORT_VERSIONS.join(' or ')}.`);
  const period = values.period;
  if (period === undefined || tryParsePeriod(period) === null) throw new UsageError('render needs --period <period>, e.g. 2023-Q2.');
  const format = values.format;
  if (format === undefined || !(REPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`render needs --format ${REPORT_FORMATS.join('|')}.`);
  const language = values.lang ?? 'es';
  if (language !== 'es' && language !== 'en') throw new UsageError('--lang is es or en.');
  const layout = values.layout ?? LATEST_REPORT_LAYOUT[format as ReportFormat];
  if (!isReportLayout(format as ReportFormat, layout))
    throw new UsageError(`There is no ${format} layout ${layout}; the latest is ${LATEST_REPORT_LAYOUT[format as ReportFormat]}.`);
  if (values.out === undefined || values.out === '') throw new UsageError('render needs --out <file or dir/>.');
  return {
    name: 'render',
    planId,
    period,
    asOf: values['as-of'],
    format: format as ReportFormat,
    language,
    layout,
    version: version as ReportVersion,
    out: values.out,
    edition: editionText === undefined ? null : Number(editionText),
  };
}

async function runRender(readSide: ReadSide, command: RenderCommand, io: ReporterIo): Promise<number> {
  const report =
    command.edition === null
      ? await renderReportAt(readSide.db, command)
      : await renderEditionReport(readSide.db, command.planId, await readEdition(readSide.store, command.planId, command.period, command.edition), command);
  const out = resolve(io.cwd, command.out);
  const isDirectory =
    command.out.endsWith('/') ||
    (await stat(out).then(
      (s) => s.isDirectory(),
      () => false,
    ));
  const path = isDirectory ? join(out, report.fileName) : out;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, report.bytes);
  const { stamp } = report;
  io.stderr(
    `${stamp.planId} ${stamp.period}${stamp.edition === null ? '' : ` edition ${stamp.edition}`} at position ${stamp.position}: digest ${stamp.digest}, ${stamp.format} layout ${stamp.layout}, ${stamp.language}\n`,
  );
  io.stdout(`${path}\n`);
  return 0;
}

async function runVerifyDocument(readSide: ReadSide, file: Buffer, name: string, io: ReporterIo): Promise<number> {
  const verification = await verifyReport(file, async (stamp) =>
    // An edition's copy regenerates as that edition (its position, its recorded layout), whatever else the stamp claims.
    stamp.edition !== null
      ? renderEditionReport(readSide.db, stamp.planId, await readEdition(readSide.store, stamp.planId, stamp.period, stamp.edition), stamp)
      : renderReportAt(readSide.db, {
          planId: stamp.planId,
          period: stamp.period,
          asOf: stamp.position,
          format: stamp.format,
          language: stamp.language,
          layout: stamp.layout,
          version: stamp.version,
        }),
  );
  if (verification.verdict === 'unreadable') {
    io.stdout(`NOT GENUINE: ${name} carries no evaluation report stamp\n`);
    return 1;
  }
  const { stamp } = verification;
  const what = `${stamp.planId} ${stamp.period}${stamp.edition === null ? '' : ` edition ${stamp.edition}`} at position ${stamp.position}, ${stamp.format} layout ${stamp.layout}, ${stamp.language}, ${stamp.version}`;
  if (verification.verdict === 'genuine') {
    io.stdout(`genuine: ${name} is the report of ${what} (digest ${stamp.digest})\n`);
    return 0;
  }
  io.stdout(
    verification.reason === 'digest-differs'
      ? `NOT GENUINE: ${name} names digest ${stamp.digest}, but the evaluation of ${what} has digest ${verification.regeneratedDigest}\n`
      : `NOT GENUINE: ${name} is not the report of ${what}: regenerated, its bytes differ\n`,
  );
  return 1;
}

/** `verify-log`: the log alone (no read model is opened or caught up), progress on stderr, the report on stdout. */
async function runVerifyLog(io: ReporterIo): Promise<number> {
  let store: EventStore;
  try {
    store = await (io.openStore ?? (() => openLog(io.env)))();
  } catch (error) {
    io.stderr(`Cannot open the store: ${messageOf(error)}\n`);
    return 1;
  }
  try {
    let reported = 0;
    const verification = await verifyLog(store, {
      onProgress: (events) => {
        // A line every 100,000 events: a big log takes a while, and silence looks like a hang.
        if (events - reported < 100_000) return;
        reported = events;
        io.stderr(`${events} events checked...\n`);
      },
    });
    io.stdout(formatLogVerification(verification));
    return verification.problems.length === 0 ? 0 : 1;
  } catch (error) {
    io.stderr(`${describeFailure(error)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

/** The log the API would open with this environment (DATABASE_URL, EVENTSTORE_URL or DATA_DIR). */
async function openLog(env: Readonly<Record<string, string | undefined>>): Promise<EventStore> {
  // No projection runs here: closing the store closes the read-model database too (see `openDeployment`).
  return (await openDeployment(loadConfig(env, { repoRoot: findRepoRoot() }))).store;
}

/** Known refusals in a sentence; anything else with its message (this is an operator's tool, not an API). */
function describeFailure(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string') return `${code}: ${messageOf(error)}`;
  return `Failed: ${messageOf(error)}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
