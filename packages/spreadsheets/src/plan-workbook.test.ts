import t from 'tap';
import { planWorkbook, type PlanWorkbook } from './plan-workbook.js';
import { aWorkbookPlan } from './plan-workbook.fixture.js';
import type { SheetKey } from './workbook-layout.js';

const facts = aWorkbookPlan().facts();
const rows = (workbook: PlanWorkbook, sheet: SheetKey) => workbook.sheets.find((s) => s.layout.key === sheet)!.rows;

t.test('given a plan, when its template is made, then every sheet of the layout, structure filled, values empty', async (t) => {
  const template = planWorkbook(facts, { kind: 'template', language: 'es' });
  t.strictSame(
    template.sheets.map((s) => s.layout.es),
    ['Perspectivas', 'Unidades', 'Indicadores', 'Metas', 'Resultados'],
  );
  t.strictSame(rows(template, 'perspectives'), [
    ['usuarios', 'Persona Usuaria'],
    ['financiera', 'Financiera'],
  ]);
  t.strictSame(
    rows(template, 'units').map((r) => [r[0], r[2]]),
    [
      ['DIR', null],
      ['DSP', 'DIR'],
      ['DSP-1', 'DSP'],
      ['DNGF', null],
    ],
    'each unit after its parent: DIR, its subtree, then DNGF',
  );
  t.strictSame(rows(template, 'units')[0], ['DIR', 'Unidad DIR', null, 'Administrativa']);
  t.strictSame(
    rows(template, 'indicators').map((r) => r[0]),
    ['IE-DNGF-02', 'IE-DSP-01', 'IE-DSP1-03'],
    'active indicators by code; the retired one is left out',
  );
  t.strictSame(rows(template, 'indicators')[1], [
    'IE-DSP-01',
    'Brecha financiera',
    'Resultado',
    'usuarios',
    'DSP',
    'Moneda',
    'Trimestral',
    'Mayor es mejor',
    'Suma',
    'Casos atendidos',
    { decimal: '2' },
    'OE1',
  ]);
  const targets = rows(template, 'targets');
  t.equal(targets.length, 12 + 4 + 2, 'one row per period of each periodicity: 12 months, 4 quarters, 2 semesters');
  t.strictSame(targets[0], ['IE-DNGF-02', '=SUM(A1:A3) no es una fórmula', 'DNGF', '2023-M01', null, null], 'value empty in a template');
  t.strictSame(
    targets.filter((r) => r[0] === 'IE-DSP-01').map((r) => r[3]),
    ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4'],
  );
  t.ok(
    rows(template, 'results').every((r) => r.slice(4).every((cell) => cell === null)),
    'results: value, numerator, denominator, no data and reason empty',
  );
});

t.test('given a plan, when exported, then the current targets and results fill the same rows', async (t) => {
  const exported = planWorkbook(facts, { kind: 'export', language: 'en' });
  const targets = rows(exported, 'targets');
  t.strictSame(
    targets.filter((r) => r[0] === 'IE-DSP-01').map((r) => [r[3], r[4]]),
    [
      ['2023-Q1', { decimal: '-375123611' }],
      ['2023-Q2', { decimal: '12345678.1234567891' }],
      ['2023-Q3', null],
      ['2023-Q4', null],
    ],
  );
  const results = rows(exported, 'results').filter((r) => r[0] === 'IE-DSP-01');
  t.strictSame(results[0], ['IE-DSP-01', 'Brecha financiera', 'DSP', '2023-Q1', { decimal: '-300000000.5' }, null, null, null, null]);
  t.strictSame(results[1], ['IE-DSP-01', 'Brecha financiera', 'DSP', '2023-Q2', null, null, null, 'Yes', null], '"no data" is the word, the value empty');
  t.strictSame(rows(exported, 'units')[0], ['DIR', 'Unidad DIR', null, 'Administrative'], 'words in the language asked');
});

t.test('given units to keep (a reporter, or unit=), then only them and the ones below them', async (t) => {
  const dsp = planWorkbook(facts, { kind: 'template', language: 'es', withinUnits: ['DSP'] });
  t.strictSame(
    rows(dsp, 'units').map((r) => [r[0], r[2]]),
    [
      ['DSP', 'DIR'],
      ['DSP-1', 'DSP'],
    ],
    'the parent stays named, though not in the file: the plan has it',
  );
  t.strictSame(
    rows(dsp, 'indicators').map((r) => r[0]),
    ['IE-DSP-01', 'IE-DSP1-03'],
  );
  t.strictSame([...new Set(rows(dsp, 'results').map((r) => r[0]))], ['IE-DSP-01', 'IE-DSP1-03']);
  t.equal(rows(planWorkbook(facts, { kind: 'template', language: 'es', withinUnits: [] }), 'targets').length, 0, 'no units, nothing');
});
