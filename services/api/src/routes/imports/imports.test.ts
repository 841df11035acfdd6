import { INDICATORS, RESULTS, TARGETS, UNITS, csv, workbook } from '@semaforo/importer/testing';
import { XLSX_MEDIA_TYPE } from '@semaforo/spreadsheets';
import type { InjectOptions } from 'fastify';
import t from 'tap';
import { tokenFor } from '../../testing/auth.js';
import { routeHarness, type PlanFixture } from '../../testing/route-test-harness.js';

const harness = await routeHarness(t);
const { app } = harness;

interface Summary {
  status: string;
  counts: Record<string, number>;
  conflicts: { sheet: string; row: number; column: string; cell: string; code: string; message: string }[];
  conflictGroups: { code: string; message: string; rows: number[] }[];
  evaluationEffect?: { period: string; changes: { code: string; before: string | null; after: string }[] } | null;
}

const post = (plan: PlanFixture, body: Buffer, type: string, query = '', headers: InjectOptions['headers'] = {}) =>
  app.inject({ method: 'POST', url: `${plan.url}/imports${query}`, payload: body, headers: { 'content-type': type, ...headers } });

/** Every event of the plan's streams, through the log itself. */
const eventsOf = async (plan: PlanFixture) =>
  (await harness.store.readAll({ limit: 100_000 })).filter((e) => e.streamName === plan.stream || e.streamName.startsWith(`indicator-${plan.id}/`));

/** An open plan (with the perspective `usuarios`) without units: the files bring them. */
const givenOpenPlan = async (): Promise<PlanFixture> => {
  const plan = harness.newPlan();
  t.equal((await app.inject({ method: 'POST', url: '/v1/plans', payload: plan.body })).statusCode, 201);
  return plan;
};

const givenStructure = async (): Promise<PlanFixture> => {
  const plan = await givenOpenPlan();
  const answer = await post(plan, await workbook({ Unidades: UNITS, Indicadores: INDICATORS, Metas: TARGETS }), XLSX_MEDIA_TYPE);
  if (answer.statusCode !== 200) throw new Error(`set-up import failed: ${answer.body}`);
  return plan;
};

t.test('given an open plan, when a planner posts the whole workbook, then 200 and the summary; the same file again appends nothing', async (t) => {
  const plan = await givenOpenPlan();
  const file = await workbook({ Unidades: UNITS, Indicadores: INDICATORS, Metas: TARGETS, Resultados: RESULTS });
  const first = await post(plan, file, XLSX_MEDIA_TYPE);
  t.equal(first.statusCode, 200, first.body);
  t.same(first.json<Summary>().counts, { created: 12, updated: 0, ignored: 0, refused: 0 });
  const count = (await eventsOf(plan)).length;

  const again = await post(plan, file, XLSX_MEDIA_TYPE);
  t.equal(again.statusCode, 200);
  t.same(again.json<Summary>().counts, { created: 0, updated: 0, ignored: 12, refused: 0 });
  t.equal((await eventsOf(plan)).length, count, 'nothing appended');

  // The indicator as the REST routes show it: what the file said.
  const indicator = (await app.inject({ method: 'GET', url: `${plan.url}/indicators/IE-DSS-2` })).json<{ targets: unknown }>();
  t.same(indicator.targets, [
    { period: '2021-M01', value: '1000' },
    { period: '2021-M02', value: '1000' },
  ]);
});

t.test('given a results CSV, when posted as a dry run, then the evaluation effect and nothing appended', async (t) => {
  const plan = await givenStructure();
  const before = (await eventsOf(plan)).length;
  const answer = await post(plan, csv(RESULTS), 'text/csv', '?dryRun=true');
  t.equal(answer.statusCode, 200, answer.body);
  const summary = answer.json<Summary>();
  t.equal(summary.status, 'dry-run');
  t.same(summary.counts, { created: 3, updated: 0, ignored: 0, refused: 0 });
  t.same(summary.evaluationEffect, {
    // The latest result is Q1's, so the period is month 3: IE-DSP-1 gets its light (96.5 of 95); IE-DSS-2 has
    // no result for March, so it stays not reported with or without the file.
    period: '2021-M03',
    changes: [{ code: 'IE-DSP-1', name: 'Pensiones pagadas a tiempo', before: 'not-reported', after: 'good' }],
  });
  t.equal((await eventsOf(plan)).length, before, 'a dry run appends nothing');
});

t.test('given a corrected result, when imported with a reason, then it is updated and the reason is recorded', async (t) => {
  const plan = await givenStructure();
  await post(plan, csv(RESULTS), 'text/csv');
  const corrected = csv([RESULTS[0]!, ['IE-DSS-2', '2021-M02', '710']]);
  const refused = await post(plan, corrected, 'text/csv');
  t.equal(refused.statusCode, 422, 'a correction without a reason breaks the rule');
  t.equal(refused.json<{ details: { summary: Summary } }>().details.summary.conflicts[0]?.code, 'REASON_REQUIRED');
  const answer = await post(plan, corrected, 'text/csv', `?reason=${encodeURIComponent('Se omitieron consultas del sábado')}`);
  t.equal(answer.statusCode, 200, answer.body);
  t.same(answer.json<Summary>().counts, { created: 0, updated: 1, ignored: 0, refused: 0 });
  const last = (await eventsOf(plan)).at(-1);
  t.equal(last?.type, 'ResultCorrected');
  t.equal(last?.metadata.reason, 'Se omitieron consultas del sábado');
  t.equal(last?.metadata.source, 'import');
});

t.test('strategies: create refuses to change what exists, update refuses to create', async (t) => {
  const plan = await givenStructure();
  const revised = csv([TARGETS[0]!, ['IE-DSP-1', 'x', '2021-Q1', '90'], ['IE-DSP-1', 'x', '2021-Q3', '95']]);
  const create = (await post(plan, revised, 'text/csv', '?strategy=create&atomic=false&reason=Reprogramaci%C3%B3n')).json<Summary>();
  t.same(create.counts, { created: 1, updated: 0, ignored: 0, refused: 1 });
  t.equal(create.conflicts[0]?.code, 'EXISTS_ALREADY');
  const update = (await post(plan, csv([TARGETS[0]!, ['IE-DSP-1', 'x', '2021-Q4', '95']]), 'text/csv', '?strategy=update')).json<{
    details: { summary: Summary };
  }>();
  t.equal(update.details.summary.conflicts[0]?.code, 'NOT_FOUND_FOR_UPDATE');
});

t.test('bad input: every conflict names sheet, row, column and cell, grouped, in Spanish or English; nothing is appended', async (t) => {
  const plan = await givenStructure();
  const before = (await eventsOf(plan)).length;
  const file = await workbook({
    Resultados: [
      ['Código', 'Período', 'Resultado', 'Comentario'],
      ['IE-DSS-2', '2021-M01', '5'],
    ],
    Metas: [
      ['Código', 'Período', 'Meta'],
      ['IE-DSS-2', '2021-M03', { formula: 'SUM(A1:A3)' }],
      ['IE-DSS-2', '2022-M04', '10'],
      ['IE-DSS-2', '2021-M05', 'diez'],
      ['IE-DSS-2', '2021-M06', '10'],
      ['IE-DSS-2', '2021-M06', '11'],
      ['IE-DSS-2', '2021-M07', '0.5'],
      ['IE-DSS-2', '2021-M08', 'diez'],
    ],
  });
  const answer = await post(plan, file, XLSX_MEDIA_TYPE, '?lang=en');
  t.equal(answer.statusCode, 422);
  const problem = answer.json<{ code: string; detail: string; details: { summary: Summary } }>();
  t.equal(problem.code, 'IMPORT_HAS_CONFLICTS');
  t.match(problem.detail, /nothing was imported/);
  const { summary } = problem.details;
  t.same(
    summary.conflicts.map((c) => [c.sheet, c.row, c.column, c.cell, c.code]),
    [
      ['Resultados', 1, 'Comentario', 'Comentario', 'UNKNOWN_HEADER'],
      ['Metas', 2, 'Meta', '=SUM(A1:A3)', 'FORMULA_NOT_ALLOWED'],
      ['Metas', 3, 'Período', '', 'PERIOD_OUTSIDE_PLAN_YEAR'],
      ['Metas', 4, 'Meta', 'diez', 'NOT_A_NUMBER'],
      ['Metas', 5, 'Código', '', 'DUPLICATE_IN_FILE'],
      ['Metas', 6, 'Código', '', 'DUPLICATE_IN_FILE'],
      ['Metas', 7, 'Meta', '0.5', 'NUMBER_WRONG_SEPARATOR'],
      ['Metas', 8, 'Meta', 'diez', 'NOT_A_NUMBER'],
    ],
  );
  t.match(summary.conflicts[0]?.message, /The column "Comentario" is not one of the Results sheet/);
  t.same(
    summary.conflictGroups.find((g) => g.code === 'NOT_A_NUMBER'),
    { code: 'NOT_A_NUMBER', message: '"Meta" is not a number. Write digits only, such as 1219,5.', sheet: 'Metas', rows: [4, 8] },
    'conflicts of one code and message grouped, with their rows',
  );
  t.equal((await eventsOf(plan)).length, before, 'nothing appended');

  const spanish = (await post(plan, file, XLSX_MEDIA_TYPE)).json<{ details: { summary: Summary } }>();
  t.match(spanish.details.summary.conflicts[3]?.message, /«Meta» no es un número/);
});

t.test('bad files: empty, headers only, unknown headers, not a zip, a zip bomb, Latin-1, over the size limit', async (t) => {
  const plan = await givenOpenPlan();
  const codes = async (body: Buffer, type: string) => {
    const answer = await post(plan, body, type);
    return answer.statusCode === 200
      ? []
      : (answer.json<{ details?: { summary: Summary }; code: string }>().details?.summary.conflicts.map((c) => c.code) ?? [
          answer.json<{ code: string }>().code,
        ]);
  };
  t.same(await codes(Buffer.alloc(0), 'text/csv'), ['FILE_EMPTY']);
  t.same(await codes(csv([UNITS[0]!]), 'text/csv'), ['NO_ROWS']);
  t.same(
    await codes(
      csv([
        ['Código', 'Nombre', 'Color'],
        ['A', 'B', 'C'],
      ]),
      'text/csv',
    ),
    ['UNKNOWN_HEADER'],
    'the header named (see the conflicts test)',
  );
  t.same(
    await codes(
      csv([
        ['Hoja', 'Color'],
        ['A', 'B'],
      ]),
      'text/csv',
    ),
    ['UNRECOGNISED_SHEET'],
  );
  t.same(await codes(Buffer.from('PK but not really'), XLSX_MEDIA_TYPE), ['NOT_A_ZIP']);
  t.same(await codes(csv(UNITS), XLSX_MEDIA_TYPE), ['NOT_A_ZIP'], 'a CSV sent as a workbook');

  const bomb = await workbook({ Unidades: UNITS });
  bomb.writeUInt32LE(0xffffffff, bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
  t.same(await codes(bomb, XLSX_MEDIA_TYPE), ['WORKBOOK_TOO_LARGE_EXPANDED'], 'refused by its declared size, never expanded');

  // What Excel in Spanish saves as "CSV": Windows-1252, semicolons.
  const latin = Buffer.from('Código;Nombre;Clase de área\r\nDAF;Dirección Administrativa Financiera;Administrativa\r\n', 'latin1');
  t.equal((await post(plan, latin, 'text/csv')).statusCode, 200);
  const unit = (await app.inject({ method: 'GET', url: `${plan.url}/units/DAF` })).json<{ name: string }>();
  t.equal(unit.name, 'Dirección Administrativa Financiera');

  const tooLarge = await post(plan, Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), 'text/csv');
  t.equal(tooLarge.statusCode, 413);
  t.same(tooLarge.json<{ code: string; details: unknown }>().details, { limitBytes: 20 * 1024 * 1024, sizeBytes: 20 * 1024 * 1024 + 1 });

  t.equal((await post(plan, csv(UNITS), 'text/plain')).statusCode, 415);
});

t.test('an Idempotency-Key on an import: the same file again is replayed, another file with the key is refused', async (t) => {
  const plan = await givenOpenPlan();
  const headers = { 'idempotency-key': 'import-units-1' };
  const first = await post(plan, csv(UNITS), 'text/csv', '', headers);
  t.equal(first.statusCode, 200);
  const replay = await post(plan, csv(UNITS), 'text/csv', '', headers);
  t.equal(replay.statusCode, 200);
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.equal(replay.body, first.body, 'the first answer, again');
  const other = await post(plan, csv([UNITS[0]!, UNITS[1]!]), 'text/csv', '', headers);
  t.equal(other.statusCode, 422);
  t.equal(other.json<{ code: string }>().code, 'IDEMPOTENCY_KEY_REUSED');
});

t.test('a reporter imports results of its units only: every row of another unit refused, nothing applied', async (t) => {
  const plan = await givenStructure();
  const reporter = await tokenFor(app, plan.body.institutionId, 'reporter', { units: ['DSP'] });
  const before = (await eventsOf(plan)).length;
  const answer = await post(plan, csv(RESULTS), 'text/csv', '', reporter.headers);
  t.equal(answer.statusCode, 422);
  const summary = answer.json<{ details: { summary: Summary } }>().details.summary;
  t.same(
    summary.conflicts.map((c) => [c.row, c.code]),
    [
      [3, 'OUTSIDE_ASSIGNED_UNITS'],
      [4, 'OUTSIDE_ASSIGNED_UNITS'],
    ],
  );
  t.equal((await eventsOf(plan)).length, before, 'nothing applied');

  const structure = await post(plan, await workbook({ Unidades: UNITS }), XLSX_MEDIA_TYPE, '?atomic=false', reporter.headers);
  t.equal(structure.json<Summary>().conflicts[0]?.code, 'SHEET_NOT_ALLOWED', 'a reporter imports no plan structure');

  const own = await post(plan, csv([RESULTS[0]!, RESULTS[1]!]), 'text/csv', '', reporter.headers);
  t.equal(own.statusCode, 200, 'its own unit: applied');

  const auditor = await tokenFor(app, plan.body.institutionId, 'auditor');
  t.equal((await post(plan, csv(RESULTS), 'text/csv', '', auditor.headers)).statusCode, 403);
});

t.test('a file of more than 2,000 rows runs as a job: 202, Location, progress, then the summary', async (t) => {
  const plan = await givenStructure();
  const rows = [['Código', 'Período', 'Meta']];
  // 2,001 rows: every month's target of IE-DSS-2, the rest the same value again (ignored) in distinct rows of another key shape.
  for (let i = 0; i < 2_001; i++) rows.push([`IE-DSS-2`, `2021-M${String((i % 12) + 1).padStart(2, '0')}`, '1000']);
  // Keys repeat: DUPLICATE_IN_FILE for all, so use atomic=false and a dry run to keep it a pure progress check.
  const answer = await post(plan, csv(rows), 'text/csv', '?dryRun=true');
  t.equal(answer.statusCode, 202, answer.body);
  const location = answer.headers.location as string;
  t.match(location, new RegExp(`^${plan.url}/imports/[0-9a-f-]{36}$`));
  await app.importJobs.idle();
  const job = (await app.inject({ method: 'GET', url: location })).json<{
    state: string;
    rowsDone: number;
    rowsTotal: number;
    summary: Summary;
    runs: number;
  }>();
  t.equal(job.state, 'done');
  t.equal(job.rowsTotal, 2_001);
  t.equal(job.runs, 1);
  t.equal(job.summary.status, 'dry-run');
  t.equal(job.summary.counts['refused'], 2_001, 'each key appears many times: all refused');
  t.equal((await app.inject({ method: 'GET', url: `${plan.url}/imports/00000000-0000-4000-8000-000000000000` })).statusCode, 404);
});

t.test("a roll-over: last year's workbook imported into this year's empty plan gives the same indicators and targets, in this year", async (t) => {
  const last = await givenStructure();
  const file = await workbook({ Unidades: UNITS, Indicadores: INDICATORS, Metas: TARGETS });
  const next = { ...last, id: last.id.replace('-2021', '-2022'), url: last.url.replace('-2021', '-2022') };
  t.equal((await app.inject({ method: 'POST', url: '/v1/plans', payload: { ...last.body, fiscalYear: 2022, name: 'PAT 2022' } })).statusCode, 201);

  const without = await post(next, file, XLSX_MEDIA_TYPE, '?dryRun=true');
  t.equal(
    without.json<Summary>().conflictGroups.find((g) => g.code === 'PERIOD_OUTSIDE_PLAN_YEAR')?.rows.length,
    4,
    "without rollOver, last year's periods are outside the plan",
  );

  const rolled = await post(next, file, XLSX_MEDIA_TYPE, '?rollOver=true');
  t.equal(rolled.statusCode, 200, rolled.body);
  const indicatorOf = async (url: string, code: string) =>
    (await app.inject({ method: 'GET', url: `${url}/indicators/${code}` })).json<{ definition: unknown; targets: { period: string; value: string }[] }>();
  for (const code of ['IE-DSP-1', 'IE-DSS-2']) {
    const before = await indicatorOf(last.url, code);
    const after = await indicatorOf(next.url, code);
    t.same(after.definition, before.definition, `${code}: the same definition`);
    t.same(
      after.targets,
      before.targets.map((target) => ({ ...target, period: target.period.replace('2021', '2022') })),
      `${code}: the same targets, in 2022`,
    );
  }
});
