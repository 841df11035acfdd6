import t from 'tap';
import { planWorkbook } from './plan-workbook.js';
import { aWorkbookPlan } from './plan-workbook.fixture.js';
import { planSheetToCsv } from './write-sheet-csv.js';

const facts = aWorkbookPlan().facts();
const BOM = '\uFEFF';

t.test('given a template, when one sheet is written as CSV, then its headers and prefilled rows, values empty', async (t) => {
  const csv = planSheetToCsv(planWorkbook(facts, { kind: 'template', language: 'es' }), 'targets');
  const lines = csv.split('\r\n');
  t.ok(csv.startsWith(BOM), 'the documents CSV format: a BOM first');
  t.equal(lines[0], `${BOM}Código,Indicador,Unidad responsable,Período,Meta,Motivo`);
  t.equal(lines[1], "IE-DNGF-02,'=SUM(A1:A3) no es una fórmula,DNGF,2023-M01,,", 'a formula-like text is neutralised, as in every download');
  t.equal(lines.length, 1 + 18 + 1, 'a row per indicator and period, and the final CRLF');
});

t.test('given an export, when written as CSV, then decimals in the separator of the language, negative numbers as numbers', async (t) => {
  const es = planSheetToCsv(planWorkbook(facts, { kind: 'export', language: 'es' }), 'targets').split('\r\n');
  t.ok(es.includes('IE-DSP-01,Brecha financiera,DSP,2023-Q1,-375123611,'));
  t.ok(es.includes('IE-DSP-01,Brecha financiera,DSP,2023-Q2,"12345678,1234567891",'), 'a decimal comma, quoted');
  const en = planSheetToCsv(planWorkbook(facts, { kind: 'export', language: 'en' }), 'results').split('\r\n');
  t.equal(en[0], `${BOM}Code,Indicator,Responsible unit,Period,Result,Numerator,Denominator,No data,Reason`);
  t.ok(en.includes('IE-DSP-01,Brecha financiera,DSP,2023-Q1,-300000000.5,,,,'));
  t.ok(en.includes('IE-DSP-01,Brecha financiera,DSP,2023-Q2,,,,Yes,'));
});

t.test('given an older CSV version asked for, then that version is written', async (t) => {
  const v1 = planSheetToCsv(planWorkbook(facts, { kind: 'export', language: 'es' }), 'targets', 1);
  t.notOk(v1.startsWith(BOM));
  t.ok(v1.split('\r\n').includes('IE-DNGF-02,=SUM(A1:A3) no es una fórmula,DNGF,2023-M01,"12,5",'));
});
