import { createHash } from 'node:crypto';
import { WriteSide } from '@semaforo/commands';
import { evaluationCanonicalJson, evaluationDigest, signOffStream, type Evaluation } from '@semaforo/domain';
import { parseLogPosition } from '@semaforo/event-store';
import { auditTrailProjection, type AuditEntry } from '@semaforo/projection-audit-trail';
import { evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
import { commandClock, openBackend, STORY_PLAN_ID, storyWriter, waitUntilProjected, writePlanStory } from '@semaforo/projection-evaluation-facts/testing';
import { rebuildProjection, runProjections } from '@semaforo/projector';
import { createLogger, type Config } from '@semaforo/runtime';
import { sql } from 'kysely';
import type { Test } from 'tap';
import { buildApp } from '../../app.js';
import { tokenFor } from '../../testing/auth.js';
import type { DifferenceAnswer } from './answer-difference.js';
import type { EditionView } from './edition-view.js';

interface EditionsList {
  position: string;
  editions: EditionView[];
}

const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test' };
const EVALUATIONS = `/v1/plans/${STORY_PLAN_ID}/evaluations`;
const EDITIONS = `${EVALUATIONS}/2023-Q2/editions`;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const PROJECTIONS = [evaluationFactsProjection, auditTrailProjection];

/**
 * The real app on a real store (PGlite, or a PostgreSQL database of its
 * own), both read models projected in this process by the real runner, the
 * plan story written through the real write side, and a token per role.
 */
async function given(t: Test, kind: 'pglite' | 'postgres') {
  const backend = await openBackend(t, kind);
  const { store, db } = backend;
  const app = await buildApp({
    config,
    store,
    readModels: backend.sql,
    logger: createLogger({ level: process.env['EDITIONS_LOG'] === '1' ? 'error' : 'silent' }),
  });
  t.teardown(() => app.close());

  let stop: (() => Promise<void>) | null = null;
  const startProjector = () => {
    const controller = new AbortController();
    const running = runProjections({ store, sql: backend.sql, projections: PROJECTIONS, clock: () => new Date(), signal: controller.signal, retryMs: 20 });
    stop = async () => {
      controller.abort();
      await running;
      stop = null;
    };
  };
  startProjector();
  t.teardown(() => stop?.());

  const writer = storyWriter(new WriteSide(store), commandClock('2023-07-03T09:00:00.000Z', 'unit@dsp'));
  await writePlanStory(new WriteSide(store));
  const tokens = {
    planner: await tokenFor(app, 'upisss', 'planner'),
    auditor: await tokenFor(app, 'upisss', 'auditor'),
    reporter: await tokenFor(app, 'upisss', 'reporter', { units: ['DSP'] }),
    job: await tokenFor(app, 'upisss', 'reporting-job'),
  };
  /** Both read models have applied everything written so far. */
  const caughtUp = async () => {
    const head = (await store.latestPosition())!;
    for (const projection of PROJECTIONS) await waitUntilProjected(db, store, head, projection.name);
  };
  await caughtUp();

  const as = (who: keyof typeof tokens) => ({
    get: (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { ...tokens[who].headers, ...headers } }),
    post: (url: string, payload: object, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, payload, headers: { ...tokens[who].headers, ...headers } }),
  });
  const rebuild = async () => {
    await stop?.();
    for (const projection of PROJECTIONS) {
      const result = await rebuildProjection({ store, sql: backend.sql, projection, clock: () => new Date(), signal: new AbortController().signal });
      if (!result.completed) throw new Error(`the rebuild of ${projection.name} did not complete`);
    }
    startProjector();
  };
  /** Another API process on the same databases: nothing of this one's memory (its kept bytes, the editions it read). */
  const anotherApp = async () => {
    const other = await buildApp({ config, store, readModels: backend.sql, logger: createLogger({ level: 'silent' }) });
    t.teardown(() => other.close());
    return (url: string) => other.inject({ method: 'GET', url, headers: tokens.auditor.headers });
  };
  /** Each unit submitted and approved for the period, through the real write side, as a planner would (children first). */
  const signOff = async (period: string, ...units: string[]) => {
    const writeSide = new WriteSide(store);
    const metadata = commandClock('2023-07-02T09:00:00.000Z', 'planner@upisss');
    for (const unit of units) {
      await writeSide.execute(signOffStream(STORY_PLAN_ID), { type: 'SubmitUnitPeriod', data: { period, unit } }, metadata());
      await writeSide.execute(signOffStream(STORY_PLAN_ID), { type: 'ApproveUnitPeriod', data: { period, unit } }, metadata());
    }
  };
  const reopen = async (period: string, unit: string, reason: string) => {
    const metadata = commandClock('2023-07-02T10:00:00.000Z', 'planner@upisss');
    await new WriteSide(store).execute(signOffStream(STORY_PLAN_ID), { type: 'ReopenUnitPeriod', data: { period, unit, reason } }, metadata());
  };
  return { app, store, db, writer, tokens, caughtUp, as, rebuild, anotherApp, signOff, reopen };
}

/** The evaluation the evaluation route answers as of `position`. */
async function evaluationAt(h: Awaited<ReturnType<typeof given>>, position: string): Promise<{ evaluation: Evaluation; digest: string }> {
  const response = await h.as('auditor').get(`${EVALUATIONS}/2023-Q2?asOf=${position}`);
  if (response.statusCode !== 200) throw new Error(`GET evaluation as of ${position}: ${response.statusCode} ${response.body}`);
  return response.json();
}

export function editionsSuite(t: Test, kind: 'pglite' | 'postgres'): void {
  t.test(`publish, restate, read an edition to the byte, and the difference (${kind})`, async (t) => {
    const h = await given(t, kind);
    const planner = h.as('planner');

    // Nothing published yet: an explicit empty list, and no edition 1.
    const none = await h.as('auditor').get(EDITIONS);
    t.equal(none.statusCode, 200);
    t.same(none.json<EditionsList>().editions, []);
    t.equal(none.headers.etag, undefined, 'no version to name yet');
    const missing = await h.as('auditor').get(`${EDITIONS}/1`, { 'accept-language': 'es' });
    t.equal(missing.statusCode, 404);
    t.match(missing.json(), { code: 'EDITION_NOT_FOUND', title: 'La edición no existe' });

    // Not every unit approved: publishing needs the explicit flag, and the edition names who is missing.
    const unapproved = await planner.post(EDITIONS, {}, { 'accept-language': 'es' });
    t.equal(unapproved.statusCode, 409);
    t.match(unapproved.json(), { code: 'UNAPPROVED_UNITS', title: 'Hay unidades sin aprobar en el período', details: { units: ['CLI', 'DIR', 'DSP'] } });
    await h.signOff('2023-Q2', 'DSP', 'CLI');

    // Edition 1.
    const first = await planner.post(EDITIONS, { allowUnapprovedUnits: true }, { 'idempotency-key': 'publish-q2-1' });
    t.equal(first.statusCode, 201, first.body);
    const e1 = first.json<{ edition: EditionView }>().edition;
    t.match(e1, {
      period: '2023-Q2',
      edition: 1,
      method: 'v1',
      reason: null,
      unapprovedUnits: ['DIR'],
      publishedBy: { id: h.tokens.planner.tokenId, role: 'planner' },
    });
    t.equal(first.headers.location, `${EDITIONS}/1`);
    t.equal(first.headers.etag, '"1"');
    const asOfFirst = await evaluationAt(h, e1.position);
    t.equal(e1.digest, asOfFirst.digest, 'the edition records the digest of the evaluation at its position');

    const replay = await planner.post(EDITIONS, { allowUnapprovedUnits: true }, { 'idempotency-key': 'publish-q2-1' });
    t.equal(replay.statusCode, 201);
    t.equal(replay.headers['idempotent-replayed'], 'true');
    t.equal(replay.body, first.body, 'a retried publication is the first answer, not a second edition');

    const read1 = await h.as('reporter').get(`${EDITIONS}/1`);
    t.equal(read1.statusCode, 200);
    t.match(read1.headers['content-type'], /^application\/json/);
    t.equal(read1.body, evaluationCanonicalJson(asOfFirst.evaluation), 'the edition is the as-of answer at its position, byte for byte');
    t.equal(sha256(read1.body), e1.digest);
    t.equal(read1.headers['x-evaluation-digest'], e1.digest);
    t.equal(read1.headers['x-log-position'], e1.position);
    t.equal((await h.as('job').get(`${EDITIONS}/1`, { 'if-none-match': read1.headers.etag! })).statusCode, 304);

    // Nothing changed: the same evaluation is not a new edition.
    const again = await planner.post(EDITIONS, { reason: 'Otra vez' }, { 'accept-language': 'es' });
    t.equal(again.statusCode, 409);
    t.match(again.json(), { code: 'EDITION_UNCHANGED', title: 'Esa evaluación ya está publicada' });

    // A correction after publication (DSP reopened to take it): the next edition is a restatement and needs a reason.
    await h.reopen('2023-Q2', 'DSP', 'Expedientes omitidos en el cierre');
    await h.writer.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-01', period: '2023-Q2', value: '6300', reason: 'Expedientes omitidos' } });
    await h.writer.indicator({ type: 'ReportResult', data: { code: 'IE-DSP-02', period: '2023-M04', value: '9.5' } });
    await h.writer.indicator({ type: 'SetTarget', data: { code: 'IE-DSP-01', period: '2023-Q4', value: '7000' } });
    // Every unit approved now (DSP again, then the unit above it): no flag needed.
    await h.signOff('2023-Q2', 'DSP', 'DIR');
    await h.caughtUp();
    const noReason = await planner.post(EDITIONS, {}, { 'if-match': '"1"' });
    t.equal(noReason.statusCode, 422);
    t.equal(noReason.json<{ code: string }>().code, 'REASON_REQUIRED');
    const stale = await planner.post(EDITIONS, { reason: 'Corrección de morosidad' }, { 'if-match': '"0"' });
    t.equal(stale.statusCode, 412, 'publishing on a stale list of editions is refused');
    const second = await planner.post(EDITIONS, { reason: 'Corrección de morosidad' }, { 'if-match': '"1"' });
    t.equal(second.statusCode, 201, second.body);
    const e2 = second.json<{ edition: EditionView }>().edition;
    t.match(e2, { edition: 2, reason: 'Corrección de morosidad', unapprovedUnits: [] });
    t.not(e2.digest, e1.digest);

    // Edition 1 did not change, after later appends.
    t.equal((await h.as('auditor').get(`${EDITIONS}/1`)).body, read1.body, 'an edition never changes');

    // The list, now and as of between the two.
    await h.caughtUp();
    const list = await h.as('auditor').get(EDITIONS);
    t.same(
      list.json<EditionsList>().editions.map((e) => [e.edition, e.digest]),
      [
        [1, e1.digest],
        [2, e2.digest],
      ],
    );
    const listThen = await h.as('auditor').get(`${EDITIONS}?asOf=${e1.eventPosition}`);
    t.same(
      listThen.json<EditionsList>().editions.map((e) => e.edition),
      [1],
    );
    t.equal(listThen.json<EditionsList>().position, e1.eventPosition);

    // What changed from edition 1 to now: two results, each with the event that did it; not the Q4 target.
    const difference = await h.as('auditor').get(`${EDITIONS}/1/difference?against=now`);
    t.equal(difference.statusCode, 200, difference.body);
    const d = difference.json<DifferenceAnswer>();
    t.equal(d.empty, false);
    t.same(d.from, { edition: 1, position: e1.position, digest: e1.digest });
    t.same(
      d.indicators.map((i) => i.code),
      ['IE-DSP-01', 'IE-DSP-02'],
    );
    const [dsp01, dsp02] = d.indicators as [DifferenceAnswer['indicators'][number], DifferenceAnswer['indicators'][number]];
    t.match(dsp01, { unit: 'DSP', perspective: 'usuarios', before: { target: '7492', result: '7420' }, after: { target: '7492', result: '7582' } });
    t.same(dsp01.changed.slice(0, 2), ['result', 'compliance']);
    const causes = (i: DifferenceAnswer['indicators'][number]) => i.causes.map((c) => [c.event, c.period, c.reason, c.actor.id]);
    t.same(causes(dsp01), [['ResultCorrected', '2023-Q2', 'Expedientes omitidos', 'unit@dsp']], 'the Q4 target is outside the window: no cause');
    t.same(causes(dsp02), [['ResultReported', '2023-M04', null, 'unit@dsp']]);
    t.same(d.summary.before, asOfFirst.evaluation.summary.plan, 'the counts before: those of edition 1');
    t.same(d.summary.after, (await evaluationAt(h, d.to.position)).evaluation.summary.plan, 'the counts after: those of now');

    // The same against edition 2 and against a position; edition 2 against now is an explicit empty answer.
    const against2 = (await h.as('auditor').get(`${EDITIONS}/1/difference?against=2`)).json<DifferenceAnswer>();
    t.same(against2.indicators, d.indicators);
    const between = (await h.as('auditor').get(`${EVALUATIONS}/2023-Q2/difference?from=${e1.position}&to=${e2.position}`)).json<DifferenceAnswer>();
    t.same(between.indicators, d.indicators);
    const empty = await h.as('auditor').get(`${EDITIONS}/2/difference`);
    t.match(empty.json(), { empty: true, indicators: [], plan: [] });

    // CSV, Spanish and English.
    const csv = await h.as('auditor').get(`${EDITIONS}/1/difference?format=csv`);
    t.match(csv.headers['content-disposition'], /diferencia-upisss-2023-2023-Q2-e1-ahora\.csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    t.equal(
      lines[0],
      'Código,Indicador,Perspectiva,Unidad,Cambió,Meta antes,Meta después,Resultado antes,Resultado después,% Cumplimiento antes,% Cumplimiento después,Semáforo antes,Semáforo después,Posición,Evento,Período,Actor,Rol,Registrado,Origen,Motivo',
    );
    t.match(
      lines[1],
      /^IE-DSP-01,Solicitudes atendidas,Persona Usuaria,Departamento de Pensiones,"Resultado, % Cumplimiento.*",7492,7492,7420,7582,.*,Resultado corregido,2023-Q2,unit@dsp,.*,Expedientes omitidos$/,
    );
    t.match(lines[2], /^IE-DSP-02,/);
    t.equal(lines[3], '');
    t.equal(lines[4], 'Recuento,Antes,Después');
    const english = await h.as('auditor').get(`${EDITIONS}/2/difference?format=csv&lang=en`);
    t.equal(english.body.replace(/^\uFEFF/, '').split('\r\n')[1], '', 'an empty difference: the header, then the counts');
    t.match(english.headers['content-disposition'], /difference-upisss-2023-2023-Q2-e2-now\.csv/);

    // After a rebuild of the read models, without the kept bytes: regenerated, checked, the same.
    await h.rebuild();
    await sql`DELETE FROM evaluation_edition_contents`.execute(h.db);
    await h.caughtUp();
    t.equal((await h.as('auditor').get(`${EDITIONS}/1`)).body, read1.body, 'this process answers the bytes it keeps');
    const elsewhere = await h.anotherApp();
    const rebuilt = await elsewhere(`${EDITIONS}/1`);
    t.equal(rebuilt.statusCode, 200);
    t.equal(rebuilt.body, read1.body, 'the same bytes after a rebuild, regenerated by a process that never saw them');
    const kept = await sql<{ n: number }>`SELECT count(*)::int AS n FROM evaluation_edition_contents`.execute(h.db);
    t.equal(kept.rows[0]?.n, 1, 'and kept again');

    // A kept row that no longer matches its digest is never answered.
    await sql`UPDATE evaluation_edition_contents SET body = '{}'`.execute(h.db);
    t.equal((await (await h.anotherApp())(`${EDITIONS}/1`)).body, read1.body);

    // The edition's evaluation as CSV is that of its bytes.
    const editionCsv = await h.as('auditor').get(`${EDITIONS}/1?format=csv&lang=en`);
    t.match(editionCsv.headers['content-disposition'], /edition-upisss-2023-2023-Q2-1\.csv/);
    t.match(editionCsv.body, /IE-DSP-01,Solicitudes atendidas,Production/);

    // The audit trail tells who published, when, why.
    const audit = await h.as('auditor').get(`/v1/plans/${STORY_PLAN_ID}/audit?limit=500`);
    const published = audit.json<{ entries: AuditEntry[] }>().entries.filter((e) => e.event === 'EvaluationPublished');
    t.same(
      published.map((e) => [e.period, e.reason, e.actor.id]),
      [
        ['2023-Q2', null, h.tokens.planner.tokenId],
        ['2023-Q2', 'Corrección de morosidad', h.tokens.planner.tokenId],
      ],
    );
    t.ok(parseLogPosition(e2.eventPosition));
    t.equal(evaluationDigest(JSON.parse(rebuilt.body) as Evaluation), e1.digest);
  });

  t.test(`who may publish and read (${kind})`, async (t) => {
    const h = await given(t, kind);
    for (const role of ['auditor', 'reporter', 'job'] as const) {
      const refused = await h.as(role).post(EDITIONS, { allowUnapprovedUnits: true });
      t.equal(refused.statusCode, 403, `${role} does not publish`);
    }
    t.equal((await h.as('planner').post(EDITIONS, { allowUnapprovedUnits: true })).statusCode, 201, 'a planner publishes');
    for (const role of ['auditor', 'reporter', 'job', 'planner'] as const) {
      t.equal((await h.as(role).get(`${EDITIONS}/1`)).statusCode, 200, `${role} reads`);
    }
    const other = await tokenFor(h.app, 'otra', 'admin');
    t.equal((await h.app.inject({ method: 'GET', url: `${EDITIONS}/1`, headers: other.headers })).statusCode, 404, 'another institution sees nothing');
    const outside = await h.as('planner').post(`${EVALUATIONS}/2024-Q1/editions`, { allowUnapprovedUnits: true });
    t.equal(outside.statusCode, 422);
  });
}
