import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { ROLES } from '@semaforo/domain';
import { XLSX_MEDIA_TYPE } from '@semaforo/spreadsheets';
import { compareLogPositions, LOG_START } from '@semaforo/event-store';
import { evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
import { liveProjection, ProjectorError, runProjections } from '@semaforo/projector';
import { createKysely, type AnyKysely } from '@semaforo/sql';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import tap from 'tap';
import { accessHarness, givenPlanOf } from '../../testing/access-harness.js';
import { tokenFor } from '../../testing/auth.js';

/*
 * Both workbook routes through the real app, on a real embedded store, with
 * the evaluation facts projected in-process as the API runs them. The plan:
 * units DIV > DNGF > CONT and DSP; monthly indicators IN-CONT (CONT) and
 * OUT-DSP (DSP), with a negative target, a result and a "no data".
 */
const { app, store, sql } = await accessHarness(tap, { readModels: true });
const admin = await tokenFor(app, 'upisss', 'admin');
const planId = await givenPlanOf(app, 'upisss', admin.headers);
const write = async (request: InjectOptions & { url: string }) => {
  const response = await app.inject({ ...request, headers: admin.headers });
  if (response.statusCode >= 300) throw new Error(`${request.url}: ${response.statusCode} ${response.body}`);
};
const indicators = `/v1/plans/${planId}/indicators`;
await write({ method: 'PUT', url: `${indicators}/IN-CONT/targets/2021-M01`, payload: { value: '-375123611' } });
await write({ method: 'PUT', url: `${indicators}/IN-CONT/targets/2021-M02`, payload: { value: '12.5' } });
await write({ method: 'PUT', url: `${indicators}/IN-CONT/results/2021-M01`, payload: { value: '-300000000' } });
await write({ method: 'PUT', url: `${indicators}/OUT-DSP/results/2021-M03`, payload: { noData: true, reason: 'Sistema caído' } });
const reporter = await tokenFor(app, 'upisss', 'reporter', { units: ['DNGF'] });
const auditor = await tokenFor(app, 'upisss', 'auditor');

const stop = new AbortController();
const running = runProjections({ store, sql, projections: [evaluationFactsProjection], clock: () => new Date(), signal: stop.signal, retryMs: 20 });
tap.teardown(async () => {
  stop.abort();
  await running;
});
const db: AnyKysely = createKysely(sql);
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

const get = (url: string, headers: Record<string, string> = admin.headers) => app.inject({ method: 'GET', url, headers });
const TEMPLATE = `/v1/plans/${planId}/template`;
const EXPORT = `/v1/plans/${planId}/export`;

async function workbookOf(response: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as Parameters<typeof book.xlsx.load>[0]);
  return book;
}
/** The cells of a column below the header, an empty one as null. */
const column = (sheet: ExcelJS.Worksheet, index: number) => Array.from({ length: sheet.rowCount - 1 }, (_, row) => sheet.getCell(row + 2, index).value ?? null);
const csvLines = (response: LightMyRequestResponse) => response.body.replace(/^\uFEFF/, '').split('\r\n');

tap.test('GET …/template: an XLSX workbook, every sheet, Metas and Resultados prefilled with every indicator and month', async (t) => {
  const response = await get(TEMPLATE);
  t.equal(response.statusCode, 200, response.body.slice(0, 200));
  t.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  t.match(response.headers['content-disposition'], `attachment; filename="plantilla-${planId}.xlsx"`);
  t.match(response.headers['x-log-position'], /^\d+:\d+$/);
  const book = await workbookOf(response);
  t.strictSame(
    book.worksheets.map((s) => s.name),
    ['Perspectivas', 'Unidades', 'Indicadores', 'Metas', 'Resultados'],
  );
  t.strictSame(column(book.getWorksheet('Unidades')!, 1), ['DIV', 'DNGF', 'CONT', 'DSP'], 'each unit after its parent');
  const targets = book.getWorksheet('Metas')!;
  t.equal(targets.rowCount, 1 + 24, 'two monthly indicators, twelve months each');
  t.strictSame((targets.getRow(2).values as unknown[]).slice(1), ['IN-CONT', 'Indicador IN-CONT', 'CONT', '2021-M01']);
  t.ok(
    column(targets, 5).every((v) => v === null),
    'a template leaves every target empty',
  );
  t.strictSame(column(book.getWorksheet('Resultados')!, 4).slice(0, 3), ['2021-M01', '2021-M02', '2021-M03']);

  const again = await get(TEMPLATE);
  t.ok(again.rawPayload.equals(response.rawPayload), 'the same plan at the same position: the same bytes');
});

tap.test('GET …/export: the same layout with the current targets and results, negative ones as numbers', async (t) => {
  const response = await get(`${EXPORT}?lang=en`);
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-disposition'], `filename="export-${planId}.xlsx"`);
  const book = await workbookOf(response);
  const targets = book.getWorksheet('Targets')!;
  t.strictSame(column(targets, 5).slice(0, 3), [-375123611, 12.5, null]);
  const results = book.getWorksheet('Results')!;
  t.equal(results.getCell('E2').value, -300000000);
  t.equal(results.getCell('H16').value, 'Yes', 'OUT-DSP 2021-M03: "no data"');
  t.equal(book.getWorksheet('Indicators')!.getCell('G2').value, 'Monthly', 'the words of the language asked');
});

tap.test('CSV: one sheet, named by sheet= in either language, in the language asked', async (t) => {
  const response = await get(`${EXPORT}?format=csv&sheet=Metas`);
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^text\/csv/);
  t.match(response.headers['content-disposition'], `filename="exportacion-${planId}-metas.csv"`);
  const lines = csvLines(response);
  t.equal(lines[0], 'Código,Indicador,Unidad responsable,Período,Meta,Motivo');
  t.equal(lines[1], 'IN-CONT,Indicador IN-CONT,CONT,2021-M01,-375123611,', 'a negative target, not neutralised (CSV version 3)');
  t.equal(lines[2], 'IN-CONT,Indicador IN-CONT,CONT,2021-M02,"12,5",', 'the Spanish decimal comma');
  const english = await get(`${TEMPLATE}?format=csv&sheet=results&lang=en`);
  t.match(english.headers['content-disposition'], `filename="template-${planId}-results.csv"`);
  t.equal(csvLines(english)[0], 'Code,Indicator,Responsible unit,Period,Result,Numerator,Denominator,No data,Reason');
  const v2 = await get(`${EXPORT}?format=csv&sheet=targets&csvVersion=2`);
  t.equal(csvLines(v2)[1], "IN-CONT,Indicador IN-CONT,CONT,2021-M01,'-375123611,", 'an older CSV version on request');
});

tap.test('a reporter gets only its units; unit= keeps one unit and the ones below it', async (t) => {
  const own = csvLines(await get(`${TEMPLATE}?format=csv&sheet=Metas`, reporter.headers));
  t.strictSame([...new Set(own.slice(1, -1).map((line) => line.split(',')[0]))], ['IN-CONT'], 'a reporter of DNGF: IN-CONT (CONT is below DNGF), not OUT-DSP');
  const units = csvLines(await get(`${TEMPLATE}?format=csv&sheet=Unidades`, reporter.headers));
  t.strictSame(
    units.slice(1, -1).map((line) => line.split(',')[0]),
    ['DNGF', 'CONT'],
  );
  const dsp = csvLines(await get(`${EXPORT}?format=csv&sheet=Indicadores&unit=DSP`, auditor.headers));
  t.strictSame(
    dsp.slice(1, -1).map((line) => line.split(',')[0]),
    ['OUT-DSP'],
  );
  const below = await get(`${TEMPLATE}?unit=CONT`, reporter.headers);
  t.equal(below.statusCode, 200, 'a unit below its own');
  t.match(below.headers['content-disposition'], `filename="plantilla-${planId}-CONT.xlsx"`);
  const outside = await get(`${TEMPLATE}?unit=DSP`, reporter.headers);
  t.equal(outside.statusCode, 403);
  t.match(outside.json(), { code: 'OUTSIDE_ASSIGNED_UNITS', details: { unit: 'DSP', units: ['DNGF'] } });
  const above = await get(`${EXPORT}?unit=DIV`, reporter.headers);
  t.equal(above.statusCode, 403, 'the unit above its own is outside too');
});

tap.test('bad requests: 400 naming the parameter, 404 for what is not there', async (t) => {
  for (const [query, path] of [
    ['format=csv', 'querystring.sheet'],
    ['format=csv&sheet=Hoja1', 'querystring.sheet'],
    ['sheet=Metas', 'querystring.sheet'],
    ['format=pdf', 'querystring.format'],
    ['lang=fr', 'querystring.lang'],
  ] as const) {
    const response = await get(`${TEMPLATE}?${query}`);
    t.equal(response.statusCode, 400, query);
    t.equal(response.json().code, 'VALIDATION_FAILED', query);
    t.match(JSON.stringify(response.json()), path.split('.')[1]!, `${query}: names ${path}`);
  }
  const unit = await get(`${TEMPLATE}?unit=NADA`);
  t.equal(unit.statusCode, 404);
  t.equal(unit.json().code, 'UNIT_NOT_FOUND');
  const plan = await get('/v1/plans/upisss-2099/export');
  t.equal(plan.statusCode, 404);
  t.equal(plan.json().code, 'PLAN_NOT_FOUND');
  t.equal((await app.inject({ method: 'GET', url: TEMPLATE })).statusCode, 401, 'a token is needed');
});

tap.test('asOf: the export as the plan was at an earlier position', async (t) => {
  const before = (await get(`${EXPORT}?format=csv&sheet=Metas`)).headers['x-log-position'] as string;
  await write({ method: 'PUT', url: `${indicators}/IN-CONT/targets/2021-M02`, payload: { value: '13', reason: 'Reprogramación' } });
  const now = (await store.latestPosition())!;
  for (let attempt = 0; compareLogPositions((await liveProjection(db, evaluationFactsProjection.name)).checkpoint, now) < 0; attempt += 1) {
    if (attempt > 3_000) throw new Error('the evaluation facts did not catch up with the log');
    await sleep(10);
  }
  t.equal(csvLines(await get(`${EXPORT}?format=csv&sheet=Metas`))[2], 'IN-CONT,Indicador IN-CONT,CONT,2021-M02,13,');
  t.equal(csvLines(await get(`${EXPORT}?format=csv&sheet=Metas&asOf=${before}`))[2], 'IN-CONT,Indicador IN-CONT,CONT,2021-M02,"12,5",', 'as it was');
});

tap.test('the OpenAPI document shows both routes: their parameters, the XLSX and CSV answers, who may call them', async (t) => {
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  for (const path of [`/v1/plans/{planId}/template`, `/v1/plans/{planId}/export`]) {
    const operation = document.paths[path].get;
    t.strictSame(
      operation.parameters
        .filter((p: { in: string }) => p.in === 'query')
        .map((p: { name: string }) => p.name)
        .sort(),
      ['asOf', 'csvVersion', 'format', 'lang', 'sheet', 'unit'],
      path,
    );
    t.strictSame(Object.keys(operation.responses['200'].content).sort(), ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
    t.strictSame([...operation['x-roles']].sort(), [...ROLES].sort(), 'every role (a reporter kept to its units by the route)');
  }
});

tap.test(
  "a roll-over with a real export: this plan's workbook imported with rollOver=true into next year's empty plan gives the same indicators and targets",
  async (t) => {
    const exported = await get(EXPORT);
    t.equal(exported.statusCode, 200);
    const nextYear = planId.replace('-2021', '-2022');
    await write({
      method: 'POST',
      url: '/v1/plans',
      payload: { institutionId: 'upisss', fiscalYear: 2022, name: 'PAT 2022 upisss', perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }] },
    });
    const imported = await app.inject({
      method: 'POST',
      // The export writes no reason beside a "no data" result (OUT-DSP's March), which needs one: the import's reason is it.
      url: `/v1/plans/${nextYear}/imports?rollOver=true&reason=${encodeURIComponent('Traspaso al 2022')}`,
      headers: { ...admin.headers, 'content-type': XLSX_MEDIA_TYPE },
      payload: exported.rawPayload,
    });
    t.equal(imported.statusCode, 200, imported.body);
    t.equal(imported.json<{ status: string }>().status, 'applied');

    const indicatorOf = async (plan: string, code: string) =>
      (await get(`/v1/plans/${plan}/indicators/${code}`)).json<{ definition: unknown; targets: { period: string; value: string }[] }>();
    for (const code of ['IN-CONT', 'OUT-DSP']) {
      const before = await indicatorOf(planId, code);
      const after = await indicatorOf(nextYear, code);
      t.same(after.definition, before.definition, `${code}: the same definition`);
      t.same(
        after.targets,
        before.targets.map((target) => ({ ...target, period: target.period.replace('2021', '2022') })),
        `${code}: the same targets, in 2022`,
      );
    }
    t.ok((await indicatorOf(planId, 'IN-CONT')).targets.length > 0, 'there were targets to carry over');
  },
);
