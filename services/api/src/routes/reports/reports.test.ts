import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { WriteSide } from '@semaforo/commands';
import { readReportStamp, renderEvaluationReport } from '@semaforo/documents';
import { evaluatePlan, evaluationDigest, foldPlanFacts } from '@semaforo/domain';
import { formatLogPosition, LOG_START, type LogPosition } from '@semaforo/event-store';
import { evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
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
import { positionObservedAt } from '@semaforo/projector';
import { createLogger, type Config } from '@semaforo/runtime';
import { buildApp } from '../../app.js';

const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test' };
const REPORT = `/v1/plans/${STORY_PLAN_ID}/evaluations/2023-Q2/report`;
const VERIFY = `/v1/plans/${STORY_PLAN_ID}/reports/verification`;

/**
 * The real app on a real store (PGlite, and PostgreSQL where there is one), the projector running in
 * this process as the API runs it, the plan story written through the real write side.
 */
async function given(t: Test, backend: Backend) {
  const { store, sql, db } = backend;
  const projectorClock = manualClock('2023-07-03T10:00:00.000Z');
  const app = await buildApp({ config, store, readModels: sql, logger: createLogger({ level: 'silent' }), clock: () => new Date('2023-07-03T10:00:00.000Z') });
  t.teardown(() => app.close());
  startProjector(t, { store, sql, clock: projectorClock.now });
  const metadata = commandClock();
  const issued = await app.access.issue(
    { institutionId: 'upisss', role: 'reporter', label: 'reports test', units: ['DSP'] },
    { ...metadata('admin@upisss'), newEventId: randomUUID },
  );
  const writeSide = new WriteSide(store);
  const storyEnd = await waitUntilProjected(db, store, await writePlanStory(writeSide, metadata));
  const headers = { authorization: `Bearer ${issued.token}` };
  const get = (url: string, extra: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { ...headers, ...extra } });
  const verify = (body: Buffer, contentType = 'application/octet-stream') =>
    app.inject({ method: 'POST', url: VERIFY, headers: { ...headers, 'content-type': contentType }, payload: body });

  /** The report from the raw log folded up to `position` (no read model), dated as the read model dates it. */
  const expectedAt = async (position: LogPosition, format: 'html' | 'pdf', language: 'es' | 'en') => {
    const events = (await store.readAll({ after: LOG_START, limit: 10_000 })).filter(
      (event) =>
        event.streamName.includes(STORY_PLAN_ID) &&
        (event.position.commit < position.commit || (event.position.commit === position.commit && event.position.prepare <= position.prepare)),
    );
    const facts = foldPlanFacts(events)!;
    const evaluation = evaluatePlan(facts, '2023-Q2');
    const datedAt = await positionObservedAt(db, evaluationFactsProjection.name, position);
    return renderEvaluationReport(
      { evaluation, facts, position: formatLogPosition(position), digest: evaluationDigest(evaluation), datedAt, language },
      { format },
    );
  };
  return { app, store, db, get, verify, storyEnd, expectedAt, projectorClock, writer: storyWriter(writeSide, metadata) };
}

t.test('GET …/evaluations/{period}/report and POST …/reports/verification', async (t) => {
  for (const backend of await availableBackends(t)) {
    t.test(backend.kind, async (t) => {
      const h = await given(t, backend);

      t.test('every role of the institution downloads the report, HTML or PDF, Spanish or English', async (t) => {
        for (const format of ['html', 'pdf'] as const) {
          for (const lang of ['es', 'en'] as const) {
            const response = await h.get(`${REPORT}?format=${format}&lang=${lang}`);
            t.equal(response.statusCode, 200, `${format} ${lang}`);
            const expected = await h.expectedAt(h.storyEnd, format, lang);
            t.ok(response.rawPayload.equals(expected.bytes), `${format} ${lang}: the read model's report is the raw log's, byte for byte`);
            t.equal(response.headers['content-type'], expected.contentType);
            t.equal(response.headers['x-log-position'], formatLogPosition(h.storyEnd));
            t.equal(response.headers['x-evaluation-digest'], expected.stamp.digest);
            t.equal(response.headers['x-report-layout'], 'v1');
            t.match(
              response.headers['content-disposition'],
              lang === 'es' ? `informe-${STORY_PLAN_ID}-2023-Q2.${format}` : `report-${STORY_PLAN_ID}-2023-Q2.${format}`,
            );
          }
        }
        const byHeader = await h.get(`${REPORT}`, { 'accept-language': 'en' });
        t.match(byHeader.headers['content-type'], /^text\/html/, 'HTML by default');
        t.equal(byHeader.headers['content-language'], 'en');
        t.match(byHeader.body, /<html lang="en">/);
      });

      t.test('the same question gets the same bytes, before and after later appends', async (t) => {
        const position = formatLogPosition(h.storyEnd);
        const before = await Promise.all((['html', 'pdf'] as const).map((format) => h.get(`${REPORT}?format=${format}&asOf=${position}`)));
        h.projectorClock.set('2023-07-20T10:00:00.000Z');
        await h.writer.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2023-Q2', value: '1', reason: 'Corrección tardía' } });
        await waitUntilProjected(h.db, h.store, h.writer.lastPosition());
        const after = await Promise.all((['html', 'pdf'] as const).map((format) => h.get(`${REPORT}?format=${format}&asOf=${position}`)));
        for (const [i, response] of after.entries()) {
          t.equal(response.statusCode, 200);
          t.ok(response.rawPayload.equals(before[i]!.rawPayload), 'same bytes at the same position');
        }
        const now = await h.get(`${REPORT}?format=html`);
        t.not(now.headers['x-evaluation-digest'], before[0]!.headers['x-evaluation-digest'], 'the head moved on: another evaluation, another document');
      });

      t.test('a copy is verified by regenerating it from what it prints', async (t) => {
        for (const format of ['html', 'pdf'] as const) {
          const copy = (await h.get(`${REPORT}?format=${format}&lang=en&asOf=${formatLogPosition(h.storyEnd)}`)).rawPayload;
          const genuine = await h.verify(copy, format === 'pdf' ? 'application/pdf' : 'text/html');
          t.equal(genuine.statusCode, 200);
          t.match(genuine.json(), { genuine: true, verdict: 'genuine', format, language: 'en', layout: 'v1', position: formatLogPosition(h.storyEnd) });

          // One byte of the text changed (not the stamp): the stamp still reads, the bytes no longer regenerate.
          const tampered = Buffer.from(copy);
          const at = format === 'html' ? tampered.indexOf('Critical') : tampered.length - 40;
          tampered[at] = tampered[at]! ^ 1;
          const altered = await h.verify(tampered);
          t.match(altered.json(), { genuine: false, verdict: 'not-genuine', reason: 'bytes-differ' });
          t.match(altered.json<{ message: { es: string } }>().message.es, /no es auténtica/);
        }

        const html = (await h.get(`${REPORT}?format=html&asOf=${formatLogPosition(h.storyEnd)}`)).body;
        const stamp = readReportStamp(Buffer.from(html))!;
        const forged = html.replaceAll(stamp.digest, '0'.repeat(64));
        t.match((await h.verify(Buffer.from(forged), 'text/html')).json(), { genuine: false, reason: 'digest-differs' }, 'a digest the evaluation never had');

        const notReport = await h.verify(Buffer.from('%PDF-1.3 nothing of ours'), 'application/pdf');
        t.equal(notReport.statusCode, 422);
        t.equal(notReport.json<{ code: string }>().code, 'NOT_A_REPORT');
        const otherPlan = await h.verify(Buffer.from(html.replaceAll(`plan=${STORY_PLAN_ID}`, 'plan=upisss-2022')), 'text/html');
        t.equal(otherPlan.json<{ code: string }>().code, 'REPORT_OF_ANOTHER_PLAN');
      });

      t.test('refusals', async (t) => {
        const layout = await h.get(`${REPORT}?layout=v9`);
        t.equal(layout.statusCode, 400);
        t.equal(layout.json<{ code: string }>().code, 'UNKNOWN_REPORT_LAYOUT');
        t.equal((await h.get(`${REPORT}?format=docx`)).statusCode, 400);
        t.equal((await h.get(`/v1/plans/upisss-2019/evaluations/2019-Q2/report`)).json<{ code: string }>().code, 'PLAN_NOT_FOUND');
        t.equal((await h.get(`${REPORT}?layout=v1`)).statusCode, 200, 'an old layout asked by name');
        t.equal((await h.app.inject({ method: 'GET', url: REPORT })).statusCode, 401, 'no token, no report');
      });
    });
  }
});
