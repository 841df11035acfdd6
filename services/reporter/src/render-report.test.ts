import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { WriteSide } from '@semaforo/commands';
import { renderEvaluationReport } from '@semaforo/documents';
import { evaluatePlan, evaluationDigest, foldPlanFacts } from '@semaforo/domain';
import { formatLogPosition, LOG_START } from '@semaforo/event-store';
import { evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
import {
  availableBackends,
  manualClock,
  startProjector,
  STORY_PLAN_ID,
  waitUntilProjected,
  writePlanStory,
  type Backend,
} from '@semaforo/projection-evaluation-facts/testing';
import { positionObservedAt } from '@semaforo/projector';
import { runReporter } from './cli.js';

async function given(t: Test, backend: Backend) {
  startProjector(t, { store: backend.store, sql: backend.sql, clock: manualClock('2023-07-02T08:00:00.000Z').now });
  const position = await waitUntilProjected(backend.db, backend.store, await writePlanStory(new WriteSide(backend.store)));
  const openReadSide = async () => ({ store: backend.store, db: backend.db, close: async () => undefined });
  const out = await mkdtemp(join(tmpdir(), 'semaforo-report-document-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  const report = async (argv: readonly string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runReporter(argv, { env: {}, cwd: out, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), openReadSide });
    return { code, stdout, stderr };
  };
  return { position, out, report };
}

t.test('report render and report verify-document', async (t) => {
  for (const backend of await availableBackends(t)) {
    t.test(backend.kind, async (t) => {
      const { position, out, report } = await given(t, backend);

      t.test('render writes the document the read side knows at the position, under its own name', async (t) => {
        for (const [format, lang, name] of [
          ['pdf', 'es', `informe-${STORY_PLAN_ID}-2023-Q2.pdf`],
          ['html', 'en', `report-${STORY_PLAN_ID}-2023-Q2.html`],
        ] as const) {
          const run = await report(['render', '--plan', STORY_PLAN_ID, '--period', '2023-Q2', '--format', format, '--lang', lang, '--out', './']);
          t.equal(run.code, 0, run.stderr);
          t.equal(run.stdout, `${join(out, name)}\n`);
          t.match(run.stderr, `at position ${formatLogPosition(position)}`);

          const events = (await backend.store.readAll({ after: LOG_START, limit: 10_000 })).filter((e) => e.streamName.includes(STORY_PLAN_ID));
          const facts = foldPlanFacts(events)!;
          const evaluation = evaluatePlan(facts, '2023-Q2');
          const expected = await renderEvaluationReport(
            {
              evaluation,
              facts,
              position: formatLogPosition(position),
              digest: evaluationDigest(evaluation),
              datedAt: await positionObservedAt(backend.db, evaluationFactsProjection.name, position),
              language: lang,
            },
            { format },
          );
          t.ok((await readFile(join(out, name))).equals(expected.bytes), `${format}: the raw log's report, byte for byte`);
        }
      });

      t.test('verify-document says genuine for a rendered copy and not for an altered one', async (t) => {
        const file = join(out, 'copia.pdf');
        const asOf = formatLogPosition(position);
        t.equal((await report(['render', '--plan', STORY_PLAN_ID, '--period', '2023-Q2', '--format', 'pdf', '--as-of', asOf, '--out', file])).code, 0);
        const genuine = await report(['verify-document', file]);
        t.equal(genuine.code, 0, genuine.stderr);
        t.match(genuine.stdout, /^genuine: /);

        const bytes = await readFile(file);
        bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 1;
        await writeFile(file, bytes);
        const altered = await report(['verify-document', file]);
        t.equal(altered.code, 1);
        t.match(altered.stdout, /^NOT GENUINE: .* regenerated, its bytes differ/);

        await writeFile(join(out, 'nota.txt'), 'nada');
        const none = await report(['verify-document', 'nota.txt']);
        t.equal(none.code, 1);
        t.match(none.stdout, /carries no evaluation report stamp/);
      });

      t.test('bad usage', async (t) => {
        t.equal((await report(['render', '--plan', STORY_PLAN_ID, '--period', '2023-Q2', '--format', 'docx', '--out', 'x'])).code, 2);
        t.equal((await report(['render', '--plan', STORY_PLAN_ID, '--period', '2023-Q2', '--format', 'pdf', '--layout', 'v7', '--out', 'x'])).code, 2);
        t.equal((await report(['verify-document'])).code, 2);
      });
    });
  }
});
