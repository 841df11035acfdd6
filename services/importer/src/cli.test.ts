import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@semaforo/event-store';
import { INDICATORS, RESULTS, TARGETS, UNITS, csv, givenAnOpenPlan, planEvents, portsOf, workbook } from '@semaforo/importer/testing';
import t from 'tap';
import { runImportCli, type ImportCliIo } from './cli.js';

const { store } = await openEventStore({ dataDir: 'memory://' });
t.teardown(() => store.close());
const folder = await mkdtemp(join(tmpdir(), 'semaforo-import-cli-'));
t.teardown(() => rm(folder, { recursive: true, force: true }));

const run = async (argv: string[], isTTY = false) => {
  let stdout = '';
  let stderr = '';
  const io: ImportCliIo = {
    env: {},
    cwd: folder,
    stdout: (text) => (stdout += text),
    stderr: { write: (text: string) => (stderr += text), isTTY },
    // The test holds the store; the command must not close it.
    openStore: async () => ({ store, close: async () => undefined }),
    now: () => new Date('2021-07-05T12:00:00.000Z'),
  };
  const code = await runImportCli(argv, io);
  return { code, stdout, stderr };
};

t.test('given a workbook, when `import --plan --file`, then it is imported, with progress lines off a terminal', async (t) => {
  const planId = await givenAnOpenPlan(portsOf(store));
  await writeFile(join(folder, 'plan.xlsx'), await workbook({ Unidades: UNITS, Indicadores: INDICATORS, Metas: TARGETS, Resultados: RESULTS }));
  const dry = await run(['--plan', planId, '--file', 'plan.xlsx', '--dry-run']);
  t.equal(dry.code, 0);
  t.match(dry.stdout, /dry-run/);
  t.match(dry.stdout, /evaluation 2021-M03: 2 indicators change status\n {4}IE-DSP-1: \(new\) → good\n {4}IE-DSS-2: \(new\) → not-reported/);
  t.equal((await planEvents(store, planId)).length, 1, 'a dry run appends nothing');

  const done = await run(['--plan', planId, '--file', 'plan.xlsx']);
  t.equal(done.code, 0, done.stderr);
  t.match(done.stdout, /applied .*\n {2}created 12, updated 0, ignored 0, refused 0/);
  t.match(done.stderr, /\[#{24}\] 100% 12\/12 rows\n/, 'a plain line per chunk when stderr is not a terminal');
  t.equal((await planEvents(store, planId)).length, 13);
  const events = await planEvents(store, planId);
  t.match(events[1]?.metadata.actor.id, /^cli:/);
});

t.test('given a file with conflicts, then exit 1, the grouped conflicts, and --json the summary', async (t) => {
  const planId = await givenAnOpenPlan(portsOf(store));
  await writeFile(join(folder, 'bad.csv'), csv([UNITS[0]!, ['A', 'Unidad A', '', 'Lunar'], ['B', 'Unidad B', '', 'Lunar']]));
  const refused = await run(['--plan', planId, '--file', 'bad.csv', '--lang', 'en']);
  t.equal(refused.code, 1);
  t.match(refused.stdout, /UNKNOWN_WORD rows 2, 3: "Clase de área" is not a known value/);
  const json = await run(['--plan', planId, '--file', 'bad.csv', '--json']);
  t.equal((JSON.parse(json.stdout) as { conflictCount: number }).conflictCount, 2);
  t.equal((await run(['--plan', planId, '--file', 'bad.txt'])).code, 2, 'bad usage');
  t.equal((await run(['--plan', planId])).code, 2);
});

t.test('on a terminal, one line redrawn in place', async (t) => {
  const planId = await givenAnOpenPlan(portsOf(store));
  await writeFile(join(folder, 'units.csv'), csv(UNITS));
  const { stderr } = await run(['--plan', planId, '--file', 'units.csv'], true);
  // eslint-disable-next-line no-control-regex -- the terminal's own escape (clear the line) is what is checked
  t.match(stderr, /\r\x1b\[2K\[#{24}\] 100% 3\/3 rows\n$/);
});
