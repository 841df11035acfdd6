import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import JSZip from 'jszip';
import { WriteSide } from '@semaforo/commands';
import { LABELS, readReportStamp } from '@semaforo/documents';
import { formatLogPosition } from '@semaforo/event-store';
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

const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test' };
const REPORT = `/v1/plans/${STORY_PLAN_ID}/evaluations/2023-Q2/report`;
const VERIFY = `/v1/plans/${STORY_PLAN_ID}/reports/verification`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RESERVED = 'RESERVADO-4D2C expedientes bajo reserva judicial';

/** The plan story, then a reserved justification of IE-DSP-01 for the window (an interpretation of the report). */
async function given(t: Test, backend: Backend) {
  const { store, sql, db } = backend;
  const projectorClock = manualClock('2023-07-03T10:00:00.000Z');
  const app = await buildApp({ config, store, readModels: sql, logger: createLogger({ level: 'silent' }), clock: () => new Date('2023-07-03T10:00:00.000Z') });
  t.teardown(() => app.close());
  startProjector(t, { store, sql, clock: projectorClock.now });
  const metadata = commandClock();
  const issued = await app.access.issue(
    { institutionId: 'upisss', role: 'auditor', label: 'public version test' },
    { ...metadata('admin@upisss'), newEventId: randomUUID },
  );
  const writeSide = new WriteSide(store);
  await writePlanStory(writeSide, metadata);
  const writer = storyWriter(writeSide, metadata);
  await writer.indicator({ type: 'AddJustification', data: { code: 'IE-DSP-01', period: '2023-Q2', text: RESERVED, reserved: true, correctiveActions: [] } });
  const end = await waitUntilProjected(db, store, writer.lastPosition());
  const headers = { authorization: `Bearer ${issued.token}` };
  const get = (url: string) => app.inject({ method: 'GET', url, headers });
  const verify = (body: Buffer) =>
    app.inject({ method: 'POST', url: VERIFY, headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: body });
  return { app, db, store, get, verify, end, writer, projectorClock };
}

/** What a reader of the file could find: the raw bytes, and for PDF the text pdftotext reads, for XLSX every XML part unzipped. */
async function readable(format: 'html' | 'pdf' | 'xlsx', bytes: Buffer): Promise<string> {
  const raw = bytes.toString('utf8');
  if (format === 'pdf') return `${raw}\n${execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8')}`;
  if (format === 'xlsx') {
    const zip = await JSZip.loadAsync(bytes);
    return `${raw}\n${(await Promise.all(Object.values(zip.files).map((entry) => entry.async('string')))).join('\n')}`;
  }
  return raw;
}

t.test('the public version and the XLSX through the report route', async (t) => {
  for (const backend of await availableBackends(t)) {
    t.test(backend.kind, async (t) => {
      const h = await given(t, backend);
      const at = formatLogPosition(h.end);

      t.test('the public version never contains a reserved text, in any format; the internal one does', async (t) => {
        for (const format of ['html', 'pdf', 'xlsx'] as const) {
          for (const lang of ['es', 'en'] as const) {
            const internal = await h.get(`${REPORT}?format=${format}&lang=${lang}&asOf=${at}`);
            const publicCopy = await h.get(`${REPORT}?format=${format}&lang=${lang}&asOf=${at}&version=public`);
            t.equal(publicCopy.statusCode, 200, `${format} ${lang}`);
            const internalText = await readable(format, internal.rawPayload);
            const publicText = await readable(format, publicCopy.rawPayload);
            // pdftotext may break a long line; the reserved text's first words are enough to find it.
            t.ok(internalText.includes('RESERVADO-4D2C'), `${format} ${lang}: the internal version has the reserved text`);
            t.notOk(publicText.includes('RESERVADO-4D2C'), `${format} ${lang}: the public version has not`);
            t.notOk(publicCopy.rawPayload.includes(Buffer.from(RESERVED, 'utf8')), `${format} ${lang}: not in the raw bytes`);
            const omitted = LABELS[lang].report.omitted;
            t.ok(
              publicText.replace(/\s+/g, ' ').includes(format === 'html' || format === 'xlsx' ? omitted : omitted.slice(0, 12)),
              `${format} ${lang}: the omission is marked`,
            );
            t.match(
              readReportStamp(publicCopy.rawPayload),
              { version: 'public', format, language: lang },
              `${format} ${lang}: the stamp names the public version`,
            );
          }
        }
      });

      t.test('XLSX: the attachment, the same bytes after later appends, and a copy verifies', async (t) => {
        const before = await h.get(`${REPORT}?format=xlsx&asOf=${at}`);
        t.equal(before.statusCode, 200);
        t.equal(before.headers['content-type'], XLSX);
        t.match(before.headers['content-disposition'], `informe-${STORY_PLAN_ID}-2023-Q2.xlsx`);
        t.equal(before.headers['x-report-layout'], 'v1');
        h.projectorClock.set('2023-07-20T10:00:00.000Z');
        await h.writer.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2023-Q2', value: '1', reason: 'Corrección tardía' } });
        await waitUntilProjected(h.db, h.store, h.writer.lastPosition());
        const after = await h.get(`${REPORT}?format=xlsx&asOf=${at}`);
        t.ok(after.rawPayload.equals(before.rawPayload), 'same bytes at the same position after later appends');
        const now = await h.get(`${REPORT}?format=xlsx`);
        t.not(now.headers['x-evaluation-digest'], before.headers['x-evaluation-digest'], 'the head is another document');

        for (const version of ['internal', 'public'] as const) {
          const copy = (await h.get(`${REPORT}?format=xlsx&asOf=${at}&version=${version}`)).rawPayload;
          t.match((await h.verify(copy)).json(), { genuine: true, verdict: 'genuine', format: 'xlsx', version }, `${version}: genuine`);
        }
        const tampered = Buffer.from(before.rawPayload);
        tampered[tampered.length - 30] = tampered[tampered.length - 30]! ^ 1;
        t.match((await h.verify(tampered)).json(), { genuine: false }, 'one byte changed: not genuine');
      });

      t.test('refusals: an unknown version is 400', async (t) => {
        t.equal((await h.get(`${REPORT}?version=secret`)).statusCode, 400);
      });
    });
  }
});
