import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, LOG_START, openEventStore, type EventStore } from '@semaforo/event-store';
import { evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
import { liveProjection, ProjectorError, runProjections } from '@semaforo/projector';
import { createKysely, type SqlClient } from '@semaforo/sql';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import tap from 'tap';
import { accessHarness, givenPlanOf } from '../../testing/access-harness.js';
import { tokenFor } from '../../testing/auth.js';

/*
 * The workbook downloads on the real PostgreSQL (what production runs with
 * DATABASE_URL) and on PGlite: the same plan written through the API gives
 * the same files, byte for byte, whichever store holds it.
 * Fails when CI is set and PostgreSQL is unreachable; elsewhere skips loudly.
 */
async function downloads(opened: { readonly store: EventStore; readonly sql: SqlClient }) {
  const { app, store, sql } = await accessHarness(tap, { opened, readModels: true });
  const admin = await tokenFor(app, 'upisss', 'admin');
  const planId = await givenPlanOf(app, 'upisss', admin.headers);
  const put = async (url: string, payload: object) => {
    const response = await app.inject({ method: 'PUT', url: `/v1/plans/${planId}/indicators/${url}`, payload, headers: admin.headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  };
  await put('IN-CONT/targets/2021-M01', { value: '-375123611' });
  await put('IN-CONT/targets/2021-M02', { value: '12345678.1234567891' });
  await put('IN-CONT/results/2021-M01', { value: '-300000000.5' });
  await put('OUT-DSP/results/2021-M03', { noData: true, reason: 'Sistema caído' });

  const stop = new AbortController();
  const running = runProjections({ store, sql, projections: [evaluationFactsProjection], clock: () => new Date(), signal: stop.signal, retryMs: 20 });
  const db = createKysely(sql);
  const head = (await store.latestPosition()) ?? LOG_START;
  for (let attempt = 0; ; attempt += 1) {
    try {
      if (compareLogPositions((await liveProjection(db, evaluationFactsProjection.name)).checkpoint, head) >= 0) break;
    } catch (error) {
      if (!(error instanceof ProjectorError && error.code === 'PROJECTION_NOT_LIVE')) throw error;
    }
    // A wait for the projector, not a timed assertion: it gives up only when the projector is clearly stuck.
    if (attempt > 3_000) throw new Error('the evaluation facts did not catch up with the log');
    await sleep(10);
  }
  const get = (url: string) => app.inject({ method: 'GET', url: `/v1/plans/${planId}/${url}`, headers: admin.headers });
  const files = {
    template: (await get('template')).rawPayload,
    export: (await get('export?lang=en')).rawPayload,
    targets: (await get('export?format=csv&sheet=Metas')).body,
    results: (await get('export?format=csv&sheet=Resultados')).body,
  };
  stop.abort();
  await running;
  return files;
}

if (!(await postgresRequired())) {
  tap.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  tap.teardown(() => database.drop());
  const postgres = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
  tap.teardown(() => postgres.store.close());
  const pglite = await openEventStore({ dataDir: 'memory://' });
  tap.teardown(() => pglite.store.close());

  tap.test('the same plan on PostgreSQL and on PGlite: the same template, export and CSV sheets, byte for byte', async (t) => {
    const onPostgres = await downloads(postgres);
    const onPglite = await downloads(pglite);
    t.ok(onPostgres.template.equals(onPglite.template), 'template (XLSX)');
    t.ok(onPostgres.export.equals(onPglite.export), 'export (XLSX)');
    t.equal(onPostgres.targets, onPglite.targets, 'Metas (CSV)');
    t.equal(onPostgres.results, onPglite.results, 'Resultados (CSV)');
    t.match(onPostgres.targets, 'IN-CONT,Indicador IN-CONT,CONT,2021-M01,-375123611,\r\n', 'a negative target, as written');
    t.match(onPostgres.targets, 'IN-CONT,Indicador IN-CONT,CONT,2021-M02,"12345678,1234567891",\r\n', 'every digit, never re-spelled by NUMERIC');
    t.match(onPostgres.results, 'OUT-DSP,Indicador OUT-DSP,DSP,2021-M03,,,,Sí,\r\n');
  });
}
