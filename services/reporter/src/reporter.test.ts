import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { WriteSide } from '@semaforo/commands';
import { evaluationToCsv, summaryToCsv } from '@semaforo/documents';
import { canonicalJson, evaluatePlan, evaluationDigest, foldPlanFacts } from '@semaforo/domain';
import { formatLogPosition, LOG_START, openEventStore } from '@semaforo/event-store';
import {
  backendOfKind,
  manualClock,
  startProjector,
  STORY_PLAN_ID,
  waitUntilProjected,
  writePlanStory,
  type Backend,
} from '@semaforo/projection-evaluation-facts/testing';
import { sql } from 'kysely';
import { runReporter, type ReporterIo } from './cli.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function report(argv: readonly string[], io: Partial<ReporterIo> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runReporter(argv, {
    env: {},
    cwd: process.cwd(),
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    ...io,
  });
  return { code, stdout, stderr };
}

/** The story written and projected on `backend`; the reporter is handed that store (it must not close it). */
async function given(t: Test, backend: Backend) {
  startProjector(t, { store: backend.store, sql: backend.sql, clock: manualClock('2024-02-01T08:00:00.000Z').now });
  const position = await waitUntilProjected(backend.db, backend.store, await writePlanStory(new WriteSide(backend.store)));
  const openReadSide = async () => ({ store: backend.store, db: backend.db, close: async () => undefined });
  const out = await mkdtemp(join(tmpdir(), 'semaforo-report-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  return { position, openReadSide, out };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

for (const kind of ['pglite', 'postgres'] as const) {
  t.test(`on ${kind}`, async (t) => {
    const backend = await backendOfKind(t, kind);
    if (backend === undefined) {
      t.pass(`${kind} unavailable: skipped with a warning (a failure in CI)`);
      return;
    }
    const { position, openReadSide, out } = await given(t, backend);

    t.test('regenerate writes JSON and CSV and prints the digest; twice gives the same digest and bytes', async (t) => {
      const args = ['regenerate', '--plan', STORY_PLAN_ID, '--period', '2023-Q2', '--out', out, '--csv-version', '1'];
      const first = await report(args, { openReadSide });
      t.equal(first.code, 0, first.stderr);
      const json = await readFile(join(out, `${STORY_PLAN_ID}-2023-Q2.json`), 'utf8');
      const csv = await readFile(join(out, `${STORY_PLAN_ID}-2023-Q2.csv`), 'utf8');
      const summaryCsv = await readFile(join(out, `${STORY_PLAN_ID}-2023-Q2-summary.csv`), 'utf8');
      const digest = sha256(json);
      t.equal(first.stdout, `${digest}  ${join(out, `${STORY_PLAN_ID}-2023-Q2.json`)}\n`, "sha256sum's format: the file's SHA-256 is the digest");

      const events = (await backend.store.readAll({ after: LOG_START, limit: 10_000 })).filter((e) => e.streamName.includes(STORY_PLAN_ID));
      const expected = evaluatePlan(foldPlanFacts(events)!, '2023-Q2');
      t.equal(digest, evaluationDigest(expected), "the in-memory evaluator's digest");
      t.equal(csv, evaluationToCsv(expected, 'es', 1));
      t.equal(summaryCsv, summaryToCsv(expected, 'es', 1));
      t.match(first.stderr, `at position ${formatLogPosition(position)}`);

      const second = await report(args, { openReadSide });
      t.equal(second.code, 0);
      t.equal(second.stdout, first.stdout, 'the same digest again');
      t.equal(await readFile(join(out, `${STORY_PLAN_ID}-2023-Q2.json`), 'utf8'), json, 'the same bytes again');

      const english = await report([...args, '--lang', 'en', '--as-of', formatLogPosition(position)], { openReadSide });
      t.equal(english.stdout, first.stdout, 'asOf the same position: the same digest');
      t.equal(await readFile(join(out, `${STORY_PLAN_ID}-2023-Q2.csv`), 'utf8'), evaluationToCsv(expected, 'en', 1));
    });

    t.test('regenerate writes CSV version 3 by default: the download names, a BOM, and a manifest with the version', async (t) => {
      const dir = join(out, 'v2');
      const args = ['regenerate', '--plan', STORY_PLAN_ID, '--period', '2023-Q2', '--out', dir, '--as-of', formatLogPosition(position)];
      const run = await report(args, { openReadSide });
      t.equal(run.code, 0, run.stderr);
      t.match(run.stderr, '(CSV version 3)');
      const json = await readFile(join(dir, `${STORY_PLAN_ID}-2023-Q2.json`), 'utf8');
      const csv = await readFile(join(dir, `evaluacion-${STORY_PLAN_ID}-2023-Q2.csv`), 'utf8');
      const summaryCsv = await readFile(join(dir, `resumen-${STORY_PLAN_ID}-2023-Q2.csv`), 'utf8');
      const manifest = await readFile(join(dir, `${STORY_PLAN_ID}-2023-Q2.manifest.json`), 'utf8');
      const events = (await backend.store.readAll({ after: LOG_START, limit: 10_000 })).filter((e) => e.streamName.includes(STORY_PLAN_ID));
      const expected = evaluatePlan(foldPlanFacts(events)!, '2023-Q2');
      t.equal(sha256(json), evaluationDigest(expected), 'the JSON is the same whatever the CSV version');
      t.equal(csv, evaluationToCsv(expected, 'es', 3));
      t.ok(csv.startsWith('\uFEFFCódigo,'), 'a BOM first');
      t.equal(summaryCsv, summaryToCsv(expected, 'es', 3));
      const files = {
        evaluation: `${STORY_PLAN_ID}-2023-Q2.json`,
        evaluationCsv: `evaluacion-${STORY_PLAN_ID}-2023-Q2.csv`,
        summaryCsv: `resumen-${STORY_PLAN_ID}-2023-Q2.csv`,
      };
      const at = formatLogPosition(position);
      const recorded = { planId: STORY_PLAN_ID, period: '2023-Q2', asOf: at, position: at, digest: sha256(json), language: 'es', csvVersion: 3, files };
      t.equal(manifest, `${canonicalJson(recorded)}\n`);

      const again = await report(args, { openReadSide });
      t.equal(again.code, 0);
      t.equal(await readFile(join(dir, `evaluacion-${STORY_PLAN_ID}-2023-Q2.csv`), 'utf8'), csv, 'the same bytes again');
      t.equal(await readFile(join(dir, `${STORY_PLAN_ID}-2023-Q2.manifest.json`), 'utf8'), manifest, 'the same manifest again');

      const english = await report([...args, '--lang', 'en'], { openReadSide });
      t.equal(english.code, 0);
      t.equal(await readFile(join(dir, `evaluation-${STORY_PLAN_ID}-2023-Q2.csv`), 'utf8'), evaluationToCsv(expected, 'en', 3));
      t.equal(await readFile(join(dir, `summary-${STORY_PLAN_ID}-2023-Q2.csv`), 'utf8'), summaryToCsv(expected, 'en', 3));
    });

    t.test('verify: every period of the year agrees on a consistent store', async (t) => {
      const run = await report(['verify', '--plan', STORY_PLAN_ID], { openReadSide });
      t.equal(run.code, 0, run.stdout);
      const lines = run.stdout.trim().split('\n');
      t.equal(
        lines.filter((line) => /\tsame\t[0-9a-f]{64}$/.test(line)).length,
        1 + 2 + 3 + 4 + 6 + 12,
        'annual, semesters, four-months, quarters, bimesters, months',
      );
      t.equal(lines[0]?.split('\t')[0], '2023', 'the annual period first');
      t.equal(lines.at(-1), `${STORY_PLAN_ID} at position ${formatLogPosition(position)}: all 28 periods agree`);
      t.match(run.stderr, /read \d+ events of the log/, 'progress on stderr');
    });

    t.test('verify: a read model that disagrees with the log is caught, with what differs', async (t) => {
      // Tamper with one fact of the read model, as a faulty projection would.
      await sql`UPDATE evaluation_facts_v3.target_versions SET value = '999' WHERE code = 'IE-DSP-01' AND period = '2023-Q2'`.execute(backend.db);
      t.teardown(() => sql`UPDATE evaluation_facts_v3.target_versions SET value = '6192' WHERE code = 'IE-DSP-01' AND period = '2023-Q2'`.execute(backend.db));
      const run = await report(['verify', '--plan', STORY_PLAN_ID], { openReadSide });
      t.equal(run.code, 1, 'exit 1 when anything differs');
      t.match(run.stdout, /2023-Q2\tDIFFERENT\tread model [0-9a-f]{64}\tin-memory [0-9a-f]{64}/);
      t.match(run.stdout, /indicators\[\d+\]\.target: read model "\d+", in-memory "7492"/, 'names the place and both values');
      t.match(run.stdout, /2023-Q1\tsame/, 'periods the change does not reach still agree');
      t.match(run.stdout, /periods differ\n$/);
    });
  });
}

t.test('usage errors exit 2 with the usage on stderr', async (t) => {
  for (const argv of [
    ['frobnicate'],
    ['regenerate', '--plan', 'x-2023'],
    ['regenerate', '--plan', 'x-2023', '--period', '2023-Q9'],
    ['regenerate', '--plan', 'x-2023', '--period', '2023-Q2', '--csv-version', '4'],
    ['verify'],
    ['verify', '--plan', 'x-2023', '--period', '2023'],
    ['verify', '--plan', 'x-2023', '--csv-version', '1'],
  ]) {
    const run = await report(argv, { openReadSide: () => Promise.reject(new Error('must not open the store')) });
    t.equal(run.code, 2, argv.join(' '));
    t.match(run.stderr, /Usage:/);
  }
  const help = await report(['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /report regenerate/);
});

t.test('the real command on an embedded store (DATA_DIR) brings the read model up to date itself', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'semaforo-data-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  // Written by a process that never ran the projector (an API stopped before it projected the last events).
  const { store } = await openEventStore({ dataDir });
  await writePlanStory(new WriteSide(store));
  await store.close();

  const here = dirname(fileURLToPath(import.meta.url));
  const run = await new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=semaforo-source', '--import=tsx', join(here, 'main.ts'), '--', 'verify', '--plan', STORY_PLAN_ID], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', INIT_CWD: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  t.equal(run.code, 0, run.stderr);
  t.match(run.stderr, /bringing the evaluation read model up to the log's head/);
  t.match(run.stdout, /all 28 periods agree/);
});
