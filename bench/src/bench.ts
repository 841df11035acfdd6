import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { appendFigures } from './figures/append.js';
import { asOfFigures } from './figures/as-of.js';
import { asOfBigLogFigures } from './figures/as-of-big-log.js';
import { emmettFigures } from './figures/emmett.js';
import { editionsFigures } from './figures/editions.js';
import { httpFigures } from './figures/http.js';
import { importFigures } from './figures/import.js';
import { importerFigures } from './figures/importer.js';
import { rebuildFigures } from './figures/rebuild.js';
import { reportFigures } from './figures/report.js';
import { reportXlsxFigures } from './figures/report-xlsx.js';
import { webFigures } from './figures/web.js';
import { describeMachine } from './harness/machine.js';
import { Report } from './harness/report.js';
import { PROFILES, type Profile } from './profiles.js';

/**
 * `pnpm bench [--profile quick|full] [--only name[,name…]] [--out file]`
 *
 * Every figure is one JSON line on stdout; progress goes to stderr; the
 * whole run lands in bench/results.json. Each figure that has a ceiling
 * measures it in the same run, same driver, same concurrency.
 */

interface Group {
  readonly name: string;
  readonly run: (report: Report, profile: Profile) => Promise<void>;
}

const GROUPS: readonly Group[] = [
  { name: 'append', run: (report, p) => appendFigures(report, { driver: 'postgres', seed: p.seed, ...p.append }) },
  { name: 'import', run: (report, p) => importFigures(report, { driver: 'postgres', seed: p.seed, ...p.import }) },
  { name: 'importer', run: (report, p) => importerFigures(report, p.importer) },
  { name: 'http', run: (report, p) => httpFigures(report, { seed: p.seed, ...p.http }) },
  { name: 'rebuild', run: (report, p) => rebuildFigures(report, { seed: p.seed, ...p.rebuild }) },
  { name: 'as-of', run: (report, p) => asOfFigures(report, { driver: 'postgres', seed: p.seed, ...p.asOf }) },
  { name: 'as-of-big-log', run: (report, p) => asOfBigLogFigures(report, { seed: p.seed, ...p.asOfBigLog }) },
  { name: 'emmett', run: (report, p) => emmettFigures(report, { seed: p.seed, ...p.emmett }) },
  { name: 'append-pglite', run: (report, p) => appendFigures(report, { driver: 'pglite', seed: p.seed, ...p.appendPglite }) },
  { name: 'import-pglite', run: (report, p) => importFigures(report, { driver: 'pglite', seed: p.seed, ...p.importPglite }) },
  { name: 'as-of-pglite', run: (report, p) => asOfFigures(report, { driver: 'pglite', seed: p.seed, ...p.asOfPglite }) },
  { name: 'editions', run: (report, p) => editionsFigures(report, { driver: 'postgres', seed: p.seed, ...p.editions }) },
  { name: 'report', run: (report, p) => reportFigures(report, { driver: 'postgres', seed: p.seed, ...p.report }) },
  { name: 'report-xlsx', run: (report, p) => reportXlsxFigures(report, { driver: 'postgres', seed: p.seed, ...p.reportXlsx }) },
  { name: 'web', run: (report, p) => webFigures(report, { driver: 'postgres', seed: p.seed, ...p.web }) },
];

const USAGE = `usage: pnpm bench [--profile quick|full] [--only ${GROUPS.map((g) => g.name).join(',')}] [--out file]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    // pnpm passes a literal `--` through when the command line has one.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      profile: { type: 'string', default: 'quick' },
      only: { type: 'string' },
      out: { type: 'string', default: fileURLToPath(new URL('../results.json', import.meta.url)) },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const profile = PROFILES[values.profile as Profile['name']];
  if (profile === undefined) {
    process.stderr.write(`unknown profile ${values.profile}\n${USAGE}\n`);
    return 2;
  }
  const only = values.only === undefined ? null : values.only.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !GROUPS.some((g) => g.name === name)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`unknown figure ${unknown.join(', ')}\n${USAGE}\n`);
    return 2;
  }

  const report = new Report();
  const machine = await describeMachine();
  const startedAt = new Date().toISOString();
  report.log(`bench ${profile.name} on ${machine.nproc} × ${machine.cpu}, PostgreSQL ${machine.postgres ?? 'unreachable'}, Node.js ${machine.node}`);
  const started = performance.now();
  let failed = 0;
  for (const group of GROUPS) {
    if (only !== null && !only.includes(group.name)) continue;
    const groupStarted = performance.now();
    try {
      await group.run(report, profile);
    } catch (error) {
      failed += 1;
      report.note(`${group.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    report.log(`${group.name}: ${((performance.now() - groupStarted) / 1000).toFixed(1)} s`);
    // Written after every group, so that an interrupted full run keeps what it measured.
    report.write(values.out, {
      profile: profile.name,
      startedAt,
      command: `pnpm bench --profile ${profile.name}${only === null ? '' : ` --only ${only.join(',')}`}`,
      machine,
    });
  }
  report.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${values.out}`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
