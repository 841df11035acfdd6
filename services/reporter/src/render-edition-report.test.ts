import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { WriteSide } from '@semaforo/commands';
import { readReportStamp, renderEvaluationReport } from '@semaforo/documents';
import { evaluatePlan, evaluationDigest, foldPlanFacts, publicationStream } from '@semaforo/domain';
import { formatLogPosition, LOG_START } from '@semaforo/event-store';
import { evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
import {
  availableBackends,
  commandClock,
  manualClock,
  startProjector,
  STORY_PLAN_ID,
  storyWriter,
  waitUntilProjected,
  writePlanStory,
  type Backend,
} from '@semaforo/projection-evaluation-facts/testing';
import { positionObservedAt } from '@semaforo/projector';
import { runReporter } from './cli.js';

/** The plan story, edition 1 of 2023-Q2 published at its end through the real write side, and a later append. */
async function given(t: Test, backend: Backend) {
  startProjector(t, { store: backend.store, sql: backend.sql, clock: manualClock('2023-07-02T08:00:00.000Z').now });
  const writeSide = new WriteSide(backend.store);
  const metadata = commandClock();
  const position = await waitUntilProjected(backend.db, backend.store, await writePlanStory(writeSide, metadata));
  const events = (await backend.store.readAll({ after: LOG_START, limit: 10_000 })).filter((e) => e.streamName.includes(STORY_PLAN_ID));
  const facts = foldPlanFacts(events)!;
  const evaluation = evaluatePlan(facts, '2023-Q2');
  const digest = evaluationDigest(evaluation);
  await writeSide.execute(
    publicationStream(STORY_PLAN_ID, '2023-Q2'),
    {
      type: 'PublishEvaluation',
      data: {
        period: '2023-Q2',
        position: formatLogPosition(position),
        digest,
        method: 'v1',
        allowUnapprovedUnits: true,
        reportLayouts: { pdf: 'v1', html: 'v1', xlsx: 'v1' },
      },
    },
    metadata(),
  );
  const writer = storyWriter(writeSide, metadata);
  await writer.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2023-Q2', value: '1', reason: 'Corrección tardía' } });
  await waitUntilProjected(backend.db, backend.store, writer.lastPosition());
  const expected = await renderEvaluationReport(
    {
      evaluation,
      facts,
      position: formatLogPosition(position),
      digest,
      datedAt: await positionObservedAt(backend.db, evaluationFactsProjection.name, position),
      edition: 1,
      language: 'es',
    },
    { format: 'pdf', layout: 'v1' },
  );
  const openReadSide = async () => ({ store: backend.store, db: backend.db, close: async () => undefined });
  const out = await mkdtemp(join(tmpdir(), 'semaforo-edition-report-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  const report = async (argv: readonly string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runReporter(argv, { env: {}, cwd: out, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), openReadSide });
    return { code, stdout, stderr };
  };
  return { position, out, report, expected };
}

t.test('report render --edition and verify-document of an edition', async (t) => {
  for (const backend of await availableBackends(t)) {
    t.test(backend.kind, async (t) => {
      const { position, out, report, expected } = await given(t, backend);
      const render = (...extra: string[]) => report(['render', '--plan', STORY_PLAN_ID, '--period', '2023-Q2', '--format', 'pdf', '--edition', '1', ...extra]);

      t.test('the edition at its own position, with its number, whatever was appended since', async (t) => {
        const run = await render('--out', './');
        t.equal(run.code, 0, run.stderr);
        const name = join(out, `informe-${STORY_PLAN_ID}-2023-Q2-e1.pdf`);
        t.equal(run.stdout, `${name}\n`);
        t.match(run.stderr, `edition 1 at position ${formatLogPosition(position)}`);
        const bytes = await readFile(name);
        t.ok(bytes.equals(expected.bytes), "the raw log's edition document, byte for byte");
        t.match(readReportStamp(bytes), { edition: 1, layout: 'v1', position: formatLogPosition(position) });

        const genuine = await report(['verify-document', name]);
        t.equal(genuine.code, 0, genuine.stdout + genuine.stderr);
        t.match(genuine.stdout, /^genuine: .* edition 1 at position /);
      });

      t.test('refusals', async (t) => {
        const missing = await render('--out', './', '--edition', '9');
        t.equal(missing.code, 1);
        t.match(missing.stderr, /editions 1 to 1, not 9/);
        t.equal((await render('--out', './', '--as-of', formatLogPosition(position))).code, 2, 'an edition has its own position');
        t.equal((await render('--out', './', '--layout', 'v1')).code, 2, 'and its own layout');
        t.equal((await render('--out', './', '--edition', '0')).code, 2);
      });
    });
  }
});
