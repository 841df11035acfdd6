import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { WriteSide } from '@semaforo/commands';
import { readReportStamp } from '@semaforo/documents';
import { formatLogPosition } from '@semaforo/event-store';
import {
  availableBackends,
  manualClock,
  startProjector,
  STORY_PLAN_ID,
  storyWriter,
  waitUntilProjected,
  writePlanStory,
  type Backend,
} from '@semaforo/projection-evaluation-facts/testing';
import { runReporter } from './cli.js';

async function given(t: Test, backend: Backend) {
  startProjector(t, { store: backend.store, sql: backend.sql, clock: manualClock('2023-07-02T08:00:00.000Z').now });
  const writeSide = new WriteSide(backend.store);
  await writePlanStory(writeSide);
  const writer = storyWriter(writeSide);
  await writer.indicator({
    type: 'AddJustification',
    data: { code: 'IE-DSP-01', period: '2023-Q2', text: 'RESERVADO-8A1F bajo reserva', reserved: true, correctiveActions: [] },
  });
  const position = await waitUntilProjected(backend.db, backend.store, writer.lastPosition());
  const openReadSide = async () => ({ store: backend.store, db: backend.db, close: async () => undefined });
  const out = await mkdtemp(join(tmpdir(), 'semaforo-report-xlsx-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  const report = async (argv: readonly string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runReporter(argv, { env: {}, cwd: out, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), openReadSide });
    return { code, stdout, stderr };
  };
  return { position, out, report };
}

t.test('report render --format xlsx --version public, and verify-document of it', async (t) => {
  for (const backend of await availableBackends(t)) {
    t.test(backend.kind, async (t) => {
      const { position, out, report } = await given(t, backend);
      const asOf = formatLogPosition(position);
      const render = (version: string, file: string) =>
        report(['render', '--plan', STORY_PLAN_ID, '--period', '2023-Q2', '--format', 'xlsx', '--as-of', asOf, '--version', version, '--out', file]);

      const run = await render('public', './');
      t.equal(run.code, 0, run.stderr);
      const file = join(out, `informe-${STORY_PLAN_ID}-2023-Q2.xlsx`);
      t.equal(run.stdout, `${file}\n`);
      const bytes = await readFile(file);
      t.match(readReportStamp(bytes), { format: 'xlsx', version: 'public', position: asOf });
      const genuine = await report(['verify-document', file]);
      t.equal(genuine.code, 0, genuine.stdout);
      t.match(genuine.stdout, /^genuine: .*public/);

      t.equal((await render('internal', 'interna.xlsx')).code, 0);
      t.not(base64(await readFile(join(out, 'interna.xlsx'))), base64(bytes), 'the internal version is another file');
      t.equal((await render('secreta', 'x.xlsx')).code, 2, 'an unknown version is a usage error');
    });
  }
});

const base64 = (bytes: Buffer) => bytes.toString('base64');
