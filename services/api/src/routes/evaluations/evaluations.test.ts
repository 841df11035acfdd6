import { createHash, randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { WriteSide } from '@semaforo/commands';
import { evaluationToCsv, summaryToCsv } from '@semaforo/documents';
import { canonicalJson, evaluatePlan, evaluationDigest, foldPlanFacts, type Evaluation } from '@semaforo/domain';
import { formatLogPosition, LOG_START, openEventStore, type LogPosition } from '@semaforo/event-store';
import { createKysely, type AnyKysely } from '@semaforo/sql';
import {
  commandClock,
  manualClock,
  startProjector,
  storyWriter,
  STORY_PLAN_ID,
  waitUntilProjected,
  writePlanStory,
} from '@semaforo/projection-evaluation-facts/testing';
import { createLogger, type Config } from '@semaforo/runtime';
import { buildApp } from '../../app.js';

const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test' };
const URL = `/v1/plans/${STORY_PLAN_ID}/evaluations`;

interface EvaluationBody {
  position: string;
  asOf?: string;
  digest: string;
  evaluation: Evaluation;
}

/**
 * The real app on a real embedded store, with the projector running in
 * this process as the API runs it, and the plan story written through the
 * real write side. Watermarks are stamped by a clock the test moves.
 */
async function given(t: Test) {
  const { store, sql } = await openEventStore({ dataDir: 'memory://' });
  t.teardown(() => store.close());
  const projectorClock = manualClock('2024-01-15T10:00:00.000Z');
  const app = await buildApp({
    config,
    store,
    readModels: sql,
    logger: createLogger({ level: 'silent' }),
    clock: () => new Date('2024-01-15T10:00:00.000Z'),
  });
  t.teardown(() => app.close());
  startProjector(t, { store, sql, clock: projectorClock.now });
  const db: AnyKysely = createKysely(sql);

  const metadata = commandClock();
  // The token first: its event moves the projector's checkpoint too, and the story's end must be the last position.
  const issued = await app.access.issue(
    { institutionId: 'upisss', role: 'auditor', label: 'evaluations test' },
    { ...metadata('admin@upisss'), newEventId: randomUUID },
  );
  const writeSide = new WriteSide(store);
  const storyEnd = await waitUntilProjected(db, store, await writePlanStory(writeSide, metadata));
  const headers = { authorization: `Bearer ${issued.token}` };
  const get = (url: string, extra: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { ...headers, ...extra } });

  /** What the in-memory evaluator says at a position: the raw log folded, no read model. */
  const expectedAt = async (position: LogPosition, period: string): Promise<Evaluation> => {
    const events = (await store.readAll({ after: LOG_START, limit: 10_000 })).filter(
      (event) =>
        event.streamName.includes(STORY_PLAN_ID) &&
        (event.position.commit < position.commit || (event.position.commit === position.commit && event.position.prepare <= position.prepare)),
    );
    return evaluatePlan(foldPlanFacts(events)!, period);
  };
  return { app, store, db, get, storyEnd, expectedAt, projectorClock, writer: storyWriter(writeSide, metadata) };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

t.test('GET /v1/plans/{planId}/evaluations/{period}', async (t) => {
  const h = await given(t);

  t.test('answers the evaluation at the latest projected position, with its digest', async (t) => {
    const response = await h.get(`${URL}/2023-Q2`);
    t.equal(response.statusCode, 200);
    t.match(response.headers['content-type'], /^application\/json/);
    const body = response.json<EvaluationBody>();
    const expected = await h.expectedAt(h.storyEnd, '2023-Q2');
    t.equal(body.position, formatLogPosition(h.storyEnd), 'echoes the position it answered at');
    t.equal(response.headers['x-log-position'], body.position);
    t.notOk('asOf' in body, 'no asOf given, none echoed');
    t.equal(body.digest, evaluationDigest(expected), "the read model's answer is the in-memory evaluator's");
    t.equal(sha256(canonicalJson(body.evaluation)), body.digest, 'a client can recompute the digest from the body: nothing was dropped');
    t.equal(body.evaluation.reportingPeriod, '2023-Q2');
    t.same(body.evaluation.byStatus.critical, expected.byStatus.critical);
    t.ok(body.evaluation.indicators.length > 0);
  });

  t.test('the same question gets the same bytes', async (t) => {
    const first = await h.get(`${URL}/2023-Q1`);
    const second = await h.get(`${URL}/2023-Q1`);
    t.equal(first.statusCode, 200);
    t.equal(second.body, first.body);
  });

  t.test('answers CSV when asked, Spanish unless English is asked for', async (t) => {
    const expected = await h.expectedAt(h.storyEnd, '2023-Q2');
    const byAccept = await h.get(`${URL}/2023-Q2?csvVersion=1`, { accept: 'text/csv' });
    t.equal(byAccept.statusCode, 200);
    t.match(byAccept.headers['content-type'], /^text\/csv/);
    t.equal(byAccept.body, evaluationToCsv(expected, 'es', 1));
    t.match(byAccept.body, /^Código,/);
    t.equal(byAccept.headers['x-evaluation-digest'], evaluationDigest(expected), 'a CSV answer is traceable to its evaluation');
    t.equal(byAccept.headers['x-log-position'], formatLogPosition(h.storyEnd));

    const byQuery = await h.get(`${URL}/2023-Q2?format=csv&lang=en&csvVersion=1`);
    t.equal(byQuery.body, evaluationToCsv(expected, 'en', 1));
    const byLanguage = await h.get(`${URL}/2023-Q2?format=csv&csvVersion=1`, { 'accept-language': 'en-US,en;q=0.9,es;q=0.5' });
    t.equal(byLanguage.body, evaluationToCsv(expected, 'en', 1));
    const jsonPreferred = await h.get(`${URL}/2023-Q2`, { accept: 'application/json, text/csv;q=0.5' });
    t.match(jsonPreferred.headers['content-type'], /^application\/json/);
  });

  t.test('a CSV download is version 3 unless an older one is asked for, and is named for what it holds', async (t) => {
    const expected = await h.expectedAt(h.storyEnd, '2023-Q2');
    const latest = await h.get(`${URL}/2023-Q2?format=csv`);
    t.equal(latest.body, evaluationToCsv(expected, 'es', 3), 'version 3 by default');
    t.ok(latest.body.startsWith('\uFEFFCódigo,'), 'a BOM first');
    t.equal((await h.get(`${URL}/2023-Q2?format=csv&csvVersion=3`)).body, latest.body);
    t.equal((await h.get(`${URL}/2023-Q2?format=csv&csvVersion=2`)).body, evaluationToCsv(expected, 'es', 2), 'version 2 as it was');
    t.equal(
      latest.headers['content-disposition'],
      `attachment; filename="evaluacion-${STORY_PLAN_ID}-2023-Q2.csv"; filename*=UTF-8''evaluacion-${STORY_PLAN_ID}-2023-Q2.csv`,
    );
    const old = await h.get(`${URL}/2023-Q2?format=csv&csvVersion=1&lang=en`);
    t.match(old.headers['content-disposition'], `filename="evaluation-${STORY_PLAN_ID}-2023-Q2.csv"`, 'every version, every language');
    const summary = await h.get(`${URL}/2023-Q2/summary`, { accept: 'text/csv' });
    t.equal(summary.body, summaryToCsv(expected, 'es', 3));
    t.match(summary.headers['content-disposition'], `filename="resumen-${STORY_PLAN_ID}-2023-Q2.csv"`);
    t.notOk((await h.get(`${URL}/2023-Q2`)).headers['content-disposition'], 'JSON is an answer, not a download');
    const unknown = await h.get(`${URL}/2023-Q2?format=csv&csvVersion=4`);
    t.equal(unknown.statusCode, 400);
    t.equal(unknown.json<{ code: string }>().code, 'VALIDATION_FAILED');
  });

  t.test('the summary: counts, closing table, and the digest of the evaluation it belongs to', async (t) => {
    const expected = await h.expectedAt(h.storyEnd, '2023-Q2');
    const response = await h.get(`${URL}/2023-Q2/summary`);
    t.equal(response.statusCode, 200);
    const body = response.json<Record<string, unknown>>();
    t.same(body, {
      position: formatLogPosition(h.storyEnd),
      digest: evaluationDigest(expected),
      planId: STORY_PLAN_ID,
      planName: expected.planName,
      fiscalYear: 2023,
      reportingPeriod: '2023-Q2',
      summary: JSON.parse(JSON.stringify(expected.summary)),
      closingTable: JSON.parse(JSON.stringify(expected.closingTable)),
    });
    const csv = await h.get(`${URL}/2023-Q2/summary?format=csv&csvVersion=1`);
    t.equal(csv.body, summaryToCsv(expected, 'es', 1));
    t.match(csv.body, /Tipo de indicador,Medidos,Alcanzó meta,% Criterio bueno/);
  });

  t.test('refusals are problems', async (t) => {
    const problem = async (url: string, status: number, code: string) => {
      const response = await h.get(url);
      t.equal(response.statusCode, status, `${url} answers ${status}`);
      t.match(response.headers['content-type'], /^application\/problem\+json/);
      t.equal(response.json<{ code: string }>().code, code);
    };
    await problem(`/v1/plans/upisss-2019/evaluations/2019-Q2`, 404, 'PLAN_NOT_FOUND');
    await problem(`${URL}/2023-Q2?asOf=0:0`, 404, 'PLAN_NOT_FOUND');
    await problem(`${URL}/2023-Q5`, 400, 'VALIDATION_FAILED');
    await problem(`${URL}/2023-Q2?asOf=yesterday`, 400, 'INVALID_AS_OF');
    await problem(`${URL}/2024-Q1`, 422, 'PERIOD_OUTSIDE_PLAN_YEAR');
    await problem(`${URL}/2023-Q2?asOf=${h.storyEnd.commit + 1000n}:0`, 409, 'AS_OF_NOT_YET_PROJECTED');
    await problem(`${URL}/2023-Q2/summary?asOf=${h.storyEnd.commit + 1000n}:0`, 409, 'AS_OF_NOT_YET_PROJECTED');
  });

  t.test('asOf a position or an instant answers exactly what was answered then, even after more events', async (t) => {
    const events = await h.store.readAll({ after: LOG_START, limit: 10_000 });
    const firstResult = events.find((event) => event.type === 'ResultReported')!.position;
    const atFirstResult = `${URL}/2023-Q2?asOf=${formatLogPosition(firstResult)}`;
    const before = await h.get(atFirstResult);
    t.equal(before.statusCode, 200);
    t.equal(before.json<EvaluationBody>().digest, evaluationDigest(await h.expectedAt(firstResult, '2023-Q2')));
    t.equal(before.json<EvaluationBody>().asOf, formatLogPosition(firstResult), 'the asOf given is echoed');

    const current = await h.get(`${URL}/2023-Q2`);
    // Everything so far was projected under the clock's first instant; what follows, under a later one.
    const between = '2024-01-15T10:30:00.000Z';
    h.projectorClock.set('2024-01-15T11:00:00.000Z');
    await h.writer.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2023-Q2', value: '6200', reason: 'Cierre definitivo' } }, 'unit@dsp');
    await h.writer.indicator({ type: 'SetTarget', data: { code: 'IE-DSP-02', period: '2023-M04', value: '12', reason: 'Reprogramación' } });
    const later = await waitUntilProjected(h.db, h.store, h.writer.lastPosition());

    const after = await h.get(atFirstResult);
    t.equal(after.body, before.body, 'asOf a position: byte for byte the same answer');
    const now = await h.get(`${URL}/2023-Q2`);
    t.not(now.json<EvaluationBody>().digest, current.json<EvaluationBody>().digest, 'the latest answer did move');
    t.equal(now.json<EvaluationBody>().position, formatLogPosition(later));

    const atInstant = await h.get(`${URL}/2023-Q2?asOf=${between}`);
    t.equal(atInstant.statusCode, 200);
    const instantBody = atInstant.json<EvaluationBody>();
    t.equal(instantBody.asOf, between, 'the instant is echoed as given');
    t.equal(instantBody.position, formatLogPosition(h.storyEnd), 'an instant resolves to the newest watermark observed at or before it');
    t.same(instantBody.evaluation, current.json<EvaluationBody>().evaluation, 'what the system answered at that instant');
    const summaryAtInstant = await h.get(`${URL}/2023-Q2/summary?asOf=${between}`);
    t.equal(summaryAtInstant.json<{ position: string }>().position, formatLogPosition(h.storyEnd));

    const beforeAnyWatermark = await h.get(`${URL}/2023-Q2?asOf=2020-01-01T00:00:00Z`);
    t.equal(beforeAnyWatermark.statusCode, 404, 'before the projector had answered anything, there was no plan');
  });

  t.test('the OpenAPI document describes both routes, asOf, and the CSV representation', async (t) => {
    /** The part of an OpenAPI operation these assertions read. */
    interface DocumentedOperation {
      readonly parameters: readonly { readonly name: string; readonly in: string }[];
      readonly responses: { readonly '200': { readonly content: Readonly<Record<string, unknown>> }; readonly '409'?: unknown };
    }
    const document = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, { get?: DocumentedOperation }>;
    }>();
    const evaluation = document.paths['/v1/plans/{planId}/evaluations/{period}']?.get;
    const summary = document.paths['/v1/plans/{planId}/evaluations/{period}/summary']?.get;
    t.ok(evaluation, 'the evaluation route is documented');
    t.ok(summary, 'the summary route is documented');
    for (const operation of [evaluation!, summary!]) {
      t.ok(operation.parameters.some((p: { name: string; in: string }) => p.name === 'asOf' && p.in === 'query'));
      t.ok(
        operation.parameters.some((p: { name: string; in: string }) => p.name === 'csvVersion' && p.in === 'query'),
        'csvVersion is documented',
      );
      t.ok(operation.responses['200'].content['text/csv'], 'text/csv is listed');
      t.ok(operation.responses['200'].content['application/json'], 'JSON is listed');
      t.ok(operation.responses['409'], '409 is listed');
    }
  });
});

t.test('before the read model is live, or without one, the routes answer 503 with Retry-After', async (t) => {
  const { store, sql } = await openEventStore({ dataDir: 'memory://' });
  t.teardown(() => store.close());
  for (const [readModels, code] of [
    [sql, 'PROJECTION_NOT_LIVE'],
    [undefined, 'READ_MODELS_UNAVAILABLE'],
  ] as const) {
    const app = await buildApp({
      config,
      store,
      ...(readModels === undefined ? {} : { readModels }),
      logger: createLogger({ level: 'silent' }),
    });
    t.teardown(() => app.close());
    const issued = await app.access.issue(
      { institutionId: 'upisss', role: 'planner', label: 'evaluations test' },
      { ...commandClock()('admin@upisss'), newEventId: randomUUID },
    );
    const response = await app.inject({ method: 'GET', url: `${URL}/2023-Q2`, headers: { authorization: `Bearer ${issued.token}` } });
    t.equal(response.statusCode, 503, `${code}: 503`);
    t.equal(response.json<{ code: string }>().code, code);
    t.ok(response.headers['retry-after'], 'with Retry-After');
  }
});
