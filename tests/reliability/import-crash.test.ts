import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import type { RecordedEvent } from '@semaforo/event-store';
import { postgresRequired } from '@semaforo/sql/testing';
import { bootstrapAdminToken, startApi, type ApiServer } from './support/api-server.js';
import { freshDatabase } from './support/database.js';
import { readWholeLog } from './support/log.js';

/*
 * A crash in the middle of an import job. The API runs as a child process
 * on PostgreSQL; a 10,008-row results file (834 monthly indicators × 12
 * months) runs as a job, and the API is SIGKILLed once the job has appended
 * some chunks and not all. Started again, the API resumes the job by itself;
 * then the same file is posted again. Every row must be applied exactly
 * once: the crashed plan's events equal, stream by stream, those of the
 * same file imported into another plan without a crash, and the second
 * import appends nothing.
 */

const INDICATORS = 834;
const PORT = '4131';

if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  const { url: databaseUrl, store } = await freshDatabase(t);
  const institution = 'impcrash';
  const token = await bootstrapAdminToken(databaseUrl, institution);
  let api: ApiServer = await startApi(databaseUrl, { PORT });
  t.teardown(() => api.process.stop());

  const call = async (method: string, path: string, body?: string, type = 'application/json') => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
      ...(body === undefined ? {} : { body }),
    });
    return { status: response.status, location: response.headers.get('location'), json: (await response.json()) as Record<string, unknown> };
  };
  const csvOf = (rows: readonly (readonly string[])[]) => rows.map((r) => r.join(';')).join('\r\n') + '\r\n';
  const code = (i: number) => `IND-${String(i).padStart(4, '0')}`;

  const givenPlan = async (year: number): Promise<string> => {
    const opened = await call(
      'POST',
      '/v1/plans',
      JSON.stringify({ institutionId: institution, fiscalYear: year, name: `PAT ${year}`, perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }] }),
    );
    t.equal(opened.status, 201);
    const planId = `${institution}-${year}`;
    const structure = [
      ['Código', 'Nombre', 'Clase de área'],
      ['DSP', 'Pensiones', 'Administrativa'],
    ];
    t.equal((await call('POST', `/v1/plans/${planId}/imports`, csvOf(structure), 'text/csv')).status, 200);
    const indicators = [['Código', 'Nombre', 'Tipo', 'Perspectiva', 'Unidad responsable', 'Medida', 'Periodicidad', 'Polaridad', 'Acumulación', 'Fórmula']];
    for (let i = 0; i < INDICATORS; i++)
      indicators.push([code(i), `Indicador ${i}`, 'Producción', 'usuarios', 'DSP', 'Número', 'Mensual', 'Mayor es mejor', 'Suma', 'Conteo']);
    t.equal((await call('POST', `/v1/plans/${planId}/imports`, csvOf(indicators), 'text/csv')).status, 200);
    return planId;
  };
  const resultsFile = (year: number) => {
    const rows = [['Código', 'Período', 'Resultado']];
    for (let i = 0; i < INDICATORS; i++) for (let m = 1; m <= 12; m++) rows.push([code(i), `${year}-M${String(m).padStart(2, '0')}`, `${i},${m}`]);
    return csvOf(rows);
  };
  const job = async (location: string) =>
    (await call('GET', location)).json as {
      state: string;
      rowsDone: number;
      rowsTotal: number | null;
      runs: number;
      summary?: { counts: Record<string, number> };
    };
  const untilDone = async (location: string) => {
    for (;;) {
      const view = await job(location);
      if (view.state === 'done' || view.state === 'failed') return view;
      await sleep(100);
    }
  };
  /** A plan's indicator events as facts, whatever the plan: its id and year taken out, in each stream's order. */
  const factsOf = (events: readonly RecordedEvent[], planId: string, year: number) =>
    events
      .filter((e) => e.streamName.startsWith(`indicator-${planId}/`))
      .map(
        (e) =>
          `${e.streamName.slice(`indicator-${planId}/`.length)} v${e.streamVersion} ${e.type} ${JSON.stringify({ ...e.data, planId: 'P' }).replaceAll(String(year), 'YYYY')}`,
      )
      .sort();

  t.test('SIGKILL in the middle of a 10,008-row job: resumed on restart, every row applied once; the same file again appends nothing', async (t) => {
    const crashed = await givenPlan(2021);
    const posted = await call('POST', `/v1/plans/${crashed}/imports`, resultsFile(2021), 'text/csv');
    t.equal(posted.status, 202);
    const location = posted.location!;

    // Wait until some chunks are in, then kill: no grace, no cleanup.
    let before: Awaited<ReturnType<typeof job>>;
    for (;;) {
      before = await job(location);
      if (before.rowsDone >= 1_000 || before.state === 'done') break;
      await sleep(20);
    }
    await api.process.kill();
    t.ok(before.rowsDone < 10_008 && before.state === 'running', `killed with ${before.rowsDone} of ${before.rowsTotal} rows done`);
    const appendedAtKill = (await readWholeLog(store)).filter((e) => e.streamName.startsWith(`indicator-${crashed}/`) && e.type === 'ResultReported').length;
    t.ok(appendedAtKill > 0 && appendedAtKill < 10_008, `${appendedAtKill} results in the log at the kill`);

    api = await startApi(databaseUrl, { PORT });
    const after = await untilDone(location);
    t.equal(after.state, 'done');
    t.equal(after.runs, 2, 'started twice: once, then resumed by the new process');
    t.same(after.summary?.counts, { created: 10_008, updated: 0, ignored: 0, refused: 0 }, 'the summary of its first decision');

    const again = await call('POST', `/v1/plans/${crashed}/imports`, resultsFile(2021), 'text/csv');
    t.equal(again.status, 202);
    const second = await untilDone(again.location!);
    t.same(second.summary?.counts, { created: 0, updated: 0, ignored: 10_008, refused: 0 }, 'the same file again: all ignored');

    const clean = await givenPlan(2022);
    const cleanJob = await call('POST', `/v1/plans/${clean}/imports`, resultsFile(2022), 'text/csv');
    t.equal((await untilDone(cleanJob.location!)).state, 'done');

    const log = await readWholeLog(store);
    const crashedFacts = factsOf(log, crashed, 2021);
    const cleanFacts = factsOf(log, clean, 2022);
    t.equal(crashedFacts.length, INDICATORS * 13, 'each indicator: registered, then 12 results');
    t.same(crashedFacts, cleanFacts, 'the crashed import left exactly the events of a clean one');
    t.comment(
      `[short] import job of 10,008 rows, SIGKILL at ${before.rowsDone} rows done (${appendedAtKill} results in the log), resumed, then imported again: ${crashedFacts.length} indicator events, as a clean import`,
    );
  });
}
