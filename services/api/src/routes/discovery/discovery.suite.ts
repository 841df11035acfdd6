import type { openEventStore } from '@semaforo/event-store';
import type { Test } from 'tap';
import { projectedApp } from '../../testing/projected-app.js';
import { indicatorBody, openPlanBody } from '../../testing/route-test-harness.js';

/** The real app and every projection running in process, on PGlite; a plan written through the API. */
async function given(t: Test, open: (() => ReturnType<typeof openEventStore>) | undefined) {
  const { send, must, caughtUp } = await projectedApp(t, open === undefined ? {} : { open });
  await must({ method: 'POST', url: '/v1/plans', payload: openPlanBody('upisss') });
  await must({ method: 'POST', url: '/v1/plans', payload: { ...openPlanBody('upisss'), fiscalYear: 2022, name: 'PAT 2022' } });
  const plan = '/v1/plans/upisss-2021';
  await must({ method: 'POST', url: `${plan}/units`, payload: { code: 'DIV', name: 'División de Prestaciones', areaClass: 'administrative' } });
  await must({
    method: 'POST',
    url: `${plan}/units`,
    payload: { code: 'DSP', name: 'Departamento de Pensiones', parentCode: 'DIV', areaClass: 'administrative' },
  });
  await must({ method: 'POST', url: `${plan}/units`, payload: { code: 'DNGF', name: 'Gestión Financiera', areaClass: 'administrative' } });
  await must({ method: 'POST', url: `${plan}/indicators`, payload: indicatorBody });
  await must({
    method: 'POST',
    url: `${plan}/indicators`,
    payload: {
      ...indicatorBody,
      code: 'IE-DNGF-01',
      name: 'Ejecución presupuestaria',
      kind: 'production',
      perspective: 'financiera',
      unit: 'DNGF',
      periodicity: 'monthly',
      polarity: 'higher-is-better',
      accumulation: 'sum',
      measure: 'count',
    },
  });
  for (const [code, value] of [
    ['IE-DSP-NA-26', '10'],
    ['IE-DNGF-01', '100'],
  ] as const) {
    await must({ method: 'PUT', url: `${plan}/indicators/${code}/targets/${code === 'IE-DNGF-01' ? '2021-M01' : '2021-Q1'}`, payload: { value } });
  }
  await must({ method: 'PUT', url: `${plan}/indicators/IE-DSP-NA-26/results/2021-Q1`, payload: { value: '20' } });
  await caughtUp();
  return { get: (url: string, headers: Record<string, string> = {}) => send({ method: 'GET', url, headers }), plan };
}

/** The discovery routes' story, on the store `open` opens (PGlite in memory by default). */
export async function discoverySuite(t: Test, open?: () => ReturnType<typeof openEventStore>): Promise<void> {
  const { get, plan } = await given(t, open);

  t.test('the plans of the token’s institution, newest first', async (t) => {
    const response = await get('/v1/plans');
    t.equal(response.statusCode, 200, response.body);
    t.match(response.json(), {
      institutionId: 'upisss',
      plans: [
        { planId: 'upisss-2022', fiscalYear: 2022, url: '/v1/plans/upisss-2022' },
        { planId: 'upisss-2021', fiscalYear: 2021 },
      ],
    });
    const etag = response.headers.etag as string;
    t.match(etag, /^W\/"/);
    t.equal((await get('/v1/plans', { 'if-none-match': etag })).statusCode, 304);
    const csv = await get('/v1/plans?format=csv');
    t.equal(csv.body, '\uFEFFPlan,Nombre,Año fiscal\r\nupisss-2022,PAT 2022,2022\r\nupisss-2021,Plan Anual de Trabajo 2021,2021\r\n');
    t.match(csv.headers['content-disposition'], /planes-upisss\.csv/);
  });

  t.test('indicators, filtered and paginated', async (t) => {
    const all = await get(`${plan}/indicators`);
    t.equal(all.statusCode, 200, all.body);
    t.same(
      all.json<{ indicators: Array<{ code: string }> }>().indicators.map((i) => i.code),
      ['IE-DNGF-01', 'IE-DSP-NA-26'],
    );
    t.equal(all.json<{ total: number }>().total, 2);
    const codes = async (query: string) =>
      (await get(`${plan}/indicators?${query}`)).json<{ indicators: Array<{ code: string }> }>().indicators.map((i) => i.code);
    t.same(await codes('unit=DIV'), ['IE-DSP-NA-26'], 'a unit and the units below it');
    t.same(await codes('perspective=financiera'), ['IE-DNGF-01']);
    t.same(await codes('kind=producción'), ['IE-DNGF-01'], 'the Spanish word for a kind');
    t.same(await codes('periodicity=Trimestral'), ['IE-DSP-NA-26']);
    t.same(await codes('q=presupuestaria'), ['IE-DNGF-01'], 'text in the name');
    t.same(await codes('q=dsp-na'), ['IE-DSP-NA-26'], 'text in the code, any case');
    t.same(await codes('period=2021-Q1&status=critical'), ['IE-DSP-NA-26'], 'the traffic light in a period');
    t.match((await get(`${plan}/indicators?period=2021-Q1`)).json<{ indicators: unknown[] }>().indicators[1], {
      code: 'IE-DSP-NA-26',
      evaluation: { period: '2021-Q1', status: 'critical' },
    });
    t.match((await get(`${plan}/indicators?status=critical`)).json(), { status: 400, code: 'PERIOD_REQUIRED' });
    t.match((await get(`${plan}/indicators?unit=NOPE`)).json(), { status: 404, code: 'UNIT_NOT_FOUND' });

    const first = (await get(`${plan}/indicators?limit=1`)).json<{ position: string; indicators: Array<{ code: string }>; nextCursor: string }>();
    t.same(
      first.indicators.map((i) => i.code),
      ['IE-DNGF-01'],
    );
    const second = (await get(`${plan}/indicators?limit=1&cursor=${first.nextCursor}`)).json<{
      position: string;
      indicators: Array<{ code: string }>;
      nextCursor: null;
    }>();
    t.same(
      second.indicators.map((i) => i.code),
      ['IE-DSP-NA-26'],
    );
    t.equal(second.nextCursor, null);
    t.equal(second.position, first.position, 'every page at the first page’s position');
    t.match((await get(`${plan}/indicators?cursor=nonsense`)).json(), { status: 400, code: 'INVALID_CURSOR' });

    const csv = await get(`${plan}/indicators?format=csv&lang=en&unit=DNGF`);
    t.equal(
      csv.body,
      '\uFEFFCode,Indicator,Kind,Perspective,Unit,Measure,Periodicity,Polarity,Accumulation,Status\r\nIE-DNGF-01,Ejecución presupuestaria,Production,financiera,DNGF,Count,Monthly,Higher is better,Sum,Active\r\n',
    );
  });

  t.test('periods with their due indicators', async (t) => {
    const response = await get(`${plan}/periods`);
    t.equal(response.statusCode, 200, response.body);
    const periods = response.json<{ periods: Array<{ period: string; due: Array<{ code: string; reported: boolean }> }> }>().periods;
    t.equal(periods.length, 12 + 4, 'twelve months and four quarters');
    t.same(
      periods.slice(0, 4).map((p) => p.period),
      ['2021-M01', '2021-M02', '2021-Q1', '2021-M03'],
      'chronological: the quarter before the month that closes it',
    );
    t.same(periods.find((p) => p.period === '2021-Q1')?.due, [{ code: 'IE-DSP-NA-26', reported: true }]);
    t.same(periods.find((p) => p.period === '2021-Q2')?.due, [{ code: 'IE-DSP-NA-26', reported: false }]);
    const csv = await get(`${plan}/periods?format=csv`);
    t.match(csv.body, /\r\n2021-Q2,Trimestral,1,0,IE-DSP-NA-26\r\n/);
  });

  t.test('units as a tree', async (t) => {
    const response = await get(`${plan}/units`);
    t.equal(response.statusCode, 200, response.body);
    t.same(response.json<{ units: unknown }>().units, [
      {
        code: 'DIV',
        name: 'División de Prestaciones',
        areaClass: 'administrative',
        children: [{ code: 'DSP', name: 'Departamento de Pensiones', areaClass: 'administrative', children: [] }],
      },
      { code: 'DNGF', name: 'Gestión Financiera', areaClass: 'administrative', children: [] },
    ]);
    const csv = await get(`${plan}/units?format=csv`);
    t.equal(
      csv.body,
      '\uFEFFCódigo,Unidad,Unidad superior,Clase de área,Nivel\r\nDIV,División de Prestaciones,,Administrativa,1\r\nDSP,Departamento de Pensiones,DIV,Administrativa,2\r\nDNGF,Gestión Financiera,,Administrativa,1\r\n',
    );
  });

  t.test('as of a position before the plan existed: 404, and another institution’s plan is not there', async (t) => {
    t.match((await get(`${plan}/units?asOf=1:0`)).json(), { status: 404, code: 'PLAN_NOT_FOUND' });
    t.equal((await get('/v1/plans/otra-2021/indicators')).statusCode, 404);
  });
}
