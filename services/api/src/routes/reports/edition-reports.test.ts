import t, { type Test } from 'tap';
import { WriteSide } from '@semaforo/commands';
import { readReportStamp, REPORT_FORMATS } from '@semaforo/documents';
import { publicationStream } from '@semaforo/domain';
import {
  availableBackends,
  commandClock,
  manualClock,
  startProjector,
  storyWriter,
  STORY_PLAN_ID,
  waitUntilProjected,
  writePlanStory,
  type Backend,
} from '@semaforo/projection-evaluation-facts/testing';
import { createLogger, type Config } from '@semaforo/runtime';
import { buildApp } from '../../app.js';
import { tokenFor } from '../../testing/auth.js';

const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test' };
const EVALUATION = `/v1/plans/${STORY_PLAN_ID}/evaluations/2023-Q2`;
const EDITIONS = `${EVALUATION}/editions`;

/** The real app on a real store (PGlite, and PostgreSQL where there is one), the projector running as the API runs it. */
async function given(t: Test, backend: Backend) {
  const { store, sql, db } = backend;
  const projectorClock = manualClock('2023-07-03T10:00:00.000Z');
  const app = await buildApp({ config, store, readModels: sql, logger: createLogger({ level: 'silent' }), clock: () => new Date('2023-07-03T10:00:00.000Z') });
  t.teardown(() => app.close());
  startProjector(t, { store, sql, clock: projectorClock.now });
  const metadata = commandClock();
  const writeSide = new WriteSide(store);
  await waitUntilProjected(db, store, await writePlanStory(writeSide, metadata));
  const auditor = await tokenFor(app, 'upisss', 'auditor');
  const planner = await tokenFor(app, 'upisss', 'planner');
  const get = (url: string) => app.inject({ method: 'GET', url, headers: auditor.headers });
  const publish = (payload: object) => app.inject({ method: 'POST', url: EDITIONS, headers: planner.headers, payload });
  const verify = (body: Buffer) =>
    app.inject({
      method: 'POST',
      url: `/v1/plans/${STORY_PLAN_ID}/reports/verification`,
      headers: { ...auditor.headers, 'content-type': 'application/octet-stream' },
      payload: body,
    });
  return { app, store, db, get, publish, verify, writeSide, metadata, projectorClock, writer: storyWriter(writeSide, metadata) };
}

t.test('GET …/editions/{n}/report: the edition as a document', async (t) => {
  for (const backend of await availableBackends(t)) {
    t.test(backend.kind, async (t) => {
      const h = await given(t, backend);
      const published = await h.publish({ allowUnapprovedUnits: true });
      t.equal(published.statusCode, 201, published.body);
      const edition = published.json<{ edition: { position: string; digest: string; reportLayouts?: Record<string, string> } }>().edition;
      t.same(edition.reportLayouts, { html: 'v1', pdf: 'v1', xlsx: 'v1' }, 'publishing records the layout of every format');

      const download = () =>
        Promise.all(REPORT_FORMATS.flatMap((format) => (['es', 'en'] as const).map((lang) => h.get(`${EDITIONS}/1/report?format=${format}&lang=${lang}`))));
      const first = await download();

      t.test('at the edition position, numbered on the cover and in the stamp, with the recorded layout', async (t) => {
        for (const response of first) {
          t.equal(response.statusCode, 200, response.body.slice(0, 200));
          t.equal(response.headers['x-log-position'], edition.position);
          t.equal(response.headers['x-evaluation-digest'], edition.digest);
          t.equal(response.headers['x-edition'], '1');
          t.equal(response.headers['x-report-layout'], 'v1');
          t.match(readReportStamp(response.rawPayload), { edition: 1, position: edition.position, digest: edition.digest, layout: 'v1' });
          t.match(response.headers['content-disposition'], /-2023-Q2-e1\.(html|pdf|xlsx)"/);
        }
        t.match(first[0]!.body, /Edición 1/, 'Spanish cover');
        t.match(first[1]!.body, /Edition 1/, 'English cover');
        const asOf = await h.get(`${EVALUATION}/report?format=html&asOf=${edition.position}`);
        t.notOk(asOf.rawPayload.equals(first[0]!.rawPayload), 'not the as-of document: that one says "as of"');
      });

      t.test('byte-identical on every call and after later appends, in every format', async (t) => {
        const again = await download();
        h.projectorClock.set('2023-07-20T10:00:00.000Z');
        await h.writer.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2023-Q2', value: '1', reason: 'Corrección tardía' } });
        await waitUntilProjected(h.db, h.store, h.writer.lastPosition());
        const after = await download();
        for (const [i, response] of first.entries()) {
          t.ok(again[i]!.rawPayload.equals(response.rawPayload), `call ${i}: the same bytes again`);
          t.ok(after[i]!.rawPayload.equals(response.rawPayload), `call ${i}: the same bytes after a later append`);
        }
      });

      t.test("an edition's copy verifies as that edition; a copy claiming another edition does not", async (t) => {
        for (const response of first) {
          const verdict = await h.verify(response.rawPayload);
          t.match(verdict.json(), { genuine: true, edition: 1, position: edition.position });
        }
        const html = first[0]!.body;
        const claimed = html.replaceAll(';edition=1', ';edition=2');
        t.not(claimed, html);
        t.equal((await h.verify(Buffer.from(claimed))).json<{ code: string }>().code, 'EDITION_NOT_FOUND', 'edition 2 was never published');
      });

      t.test('an edition published before layouts were recorded is rendered with layout v1', async (t) => {
        await h.writer.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2023-Q2', value: '2', reason: 'Otra corrección' } });
        await waitUntilProjected(h.db, h.store, h.writer.lastPosition());
        const now = (await h.get(EVALUATION)).json<{ position: string; digest: string }>();
        // The command as it was before `reportLayouts`: its event has none.
        await h.writeSide.execute(
          publicationStream(STORY_PLAN_ID, '2023-Q2'),
          {
            type: 'PublishEvaluation',
            data: { period: '2023-Q2', position: now.position, digest: now.digest, method: 'v1', reason: 'Corrección tardía', allowUnapprovedUnits: true },
          },
          h.metadata(),
        );
        await waitUntilProjected(h.db, h.store, (await h.store.latestPosition())!);
        const listed = (await h.get(EDITIONS)).json<{ editions: { edition: number; reportLayouts?: unknown }[] }>().editions;
        t.notOk('reportLayouts' in listed[1]!, 'the view of an old edition is as it was');
        for (const format of REPORT_FORMATS) {
          const response = await h.get(`${EDITIONS}/2/report?format=${format}`);
          t.equal(response.statusCode, 200);
          t.equal(response.headers['x-report-layout'], 'v1');
          t.match(readReportStamp(response.rawPayload), { edition: 2, position: now.position, layout: 'v1' });
        }
      });

      t.test('refusals', async (t) => {
        const missing = await h.get(`${EDITIONS}/9/report`);
        t.equal(missing.statusCode, 404);
        t.equal(missing.json<{ code: string }>().code, 'EDITION_NOT_FOUND');
        t.equal((await h.get(`${EDITIONS}/1/report?format=docx`)).statusCode, 400);
        t.equal((await h.app.inject({ method: 'GET', url: `${EDITIONS}/1/report` })).statusCode, 401, 'no token, no document');
      });
    });
  }
});
