import t from 'tap';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { planWorkbook } from './plan-workbook.js';
import { aWorkbookPlan } from './plan-workbook.fixture.js';
import { planWorkbookToXlsx } from './write-xlsx.js';

const facts = aWorkbookPlan().facts();
const date = new Date('2023-01-01T00:00:00Z');

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
  return book;
}

const values = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

t.test('given a template, when written as XLSX and read back, then sheets, headers and prefilled rows are there', async (t) => {
  const book = await readBack(await planWorkbookToXlsx(planWorkbook(facts, { kind: 'template', language: 'es' }), { date }));
  t.strictSame(
    book.worksheets.map((s) => s.name),
    ['Perspectivas', 'Unidades', 'Indicadores', 'Metas', 'Resultados'],
  );
  const targets = book.getWorksheet('Metas')!;
  t.strictSame(values(targets, 1), ['Código', 'Indicador', 'Unidad responsable', 'Período', 'Meta', 'Motivo']);
  t.strictSame(values(targets, 2), ['IE-DNGF-02', '=SUM(A1:A3) no es una fórmula', 'DNGF', '2023-M01'], 'the value left empty to fill in');
  t.equal(targets.getCell('B2').type, ExcelJS.ValueType.String, 'a text that looks like a formula is a string, never a formula');
  t.equal(targets.rowCount, 1 + 18);
  const results = book.getWorksheet('Resultados')!;
  t.strictSame(values(results, 1), ['Código', 'Indicador', 'Unidad responsable', 'Período', 'Resultado', 'Numerador', 'Denominador', 'Sin datos', 'Motivo']);
  t.equal(results.rowCount, 1 + 18);
});

t.test('given any sheet, then the header is bold and frozen, filters are on, widths fit the cells', async (t) => {
  const book = await readBack(await planWorkbookToXlsx(planWorkbook(facts, { kind: 'export', language: 'es' }), { date }));
  for (const sheet of book.worksheets) {
    t.equal(sheet.getCell('A1').font?.bold, true, `${sheet.name}: bold header`);
    t.match(sheet.views[0], { state: 'frozen', ySplit: 1 }, `${sheet.name}: header frozen`);
    t.ok(sheet.autoFilter, `${sheet.name}: filters`);
  }
  const indicators = book.getWorksheet('Indicadores')!;
  t.equal(indicators.getColumn(2).width, '=SUM(A1:A3) no es una fórmula'.length + 2, 'the longest name, and a little room');
  t.equal(indicators.getColumn(11).width, 'Decimales'.length + 2, 'as wide as the header when the cells are narrower');
});

t.test('given decimals, then numbers where a spreadsheet keeps them exactly, text (in the language) otherwise', async (t) => {
  const es = await readBack(await planWorkbookToXlsx(planWorkbook(facts, { kind: 'export', language: 'es' }), { date }));
  const targets = es.getWorksheet('Metas')!;
  const row = (period: string, code: string) =>
    targets.getRows(2, targets.rowCount - 1)!.find((r) => r.getCell(1).value === code && r.getCell(4).value === period)!;
  t.equal(row('2023-Q1', 'IE-DSP-01').getCell(5).value, -375123611, 'a negative target, as a number');
  t.equal(row('2023-Q2', 'IE-DSP-01').getCell(5).value, '12345678,1234567891', 'eighteen digits: text, every digit, the Spanish separator');
  t.equal(row('2023-M01', 'IE-DNGF-02').getCell(5).value, 12.5);
  const en = await readBack(await planWorkbookToXlsx(planWorkbook(facts, { kind: 'export', language: 'en' }), { date }));
  const enTargets = en.getWorksheet('Targets')!;
  t.ok(
    enTargets.getRows(2, enTargets.rowCount - 1)!.some((r) => r.getCell(5).value === '12345678.1234567891'),
    'the English separator in English',
  );
  const results = en.getWorksheet('Results')!;
  t.strictSame(values(results, 2 + 12).slice(0, 5), ['IE-DSP-01', 'Brecha financiera', 'DSP', '2023-Q1', -300000000.5], 'after the 12 months of IE-DNGF-02');
});

t.test('given columns of enumerated values, then each offers its words as a list (a warning, other words allowed)', async (t) => {
  const book = await readBack(await planWorkbookToXlsx(planWorkbook(facts, { kind: 'template', language: 'es' }), { date }));
  const indicators = book.getWorksheet('Indicadores')!;
  const periodicity = indicators.getCell('G2').dataValidation;
  t.match(periodicity, { type: 'list', errorStyle: 'warning', allowBlank: true });
  t.equal(periodicity.formulae?.[0], '"Mensual,Bimestral,Trimestral,Cuatrimestral,Semestral,Anual"');
  t.equal(indicators.getCell('G500').dataValidation?.type, 'list', 'rows added below get the list too');
  t.equal(indicators.getCell('B2').dataValidation, undefined, 'a free column has none');
  t.equal(book.getWorksheet('Unidades')!.getCell('D2').dataValidation?.formulae?.[0], '"Administrativa,Salud"');
  t.equal(book.getWorksheet('Resultados')!.getCell('H2').dataValidation?.formulae?.[0], '"Sí"');
});

t.test('given the same workbook written twice, then the same bytes: fixed dates in the properties and in every zip entry', async (t) => {
  const workbook = planWorkbook(facts, { kind: 'export', language: 'es' });
  const first = await planWorkbookToXlsx(workbook, { date });
  const second = await planWorkbookToXlsx(workbook, { date });
  t.ok(first.equals(second), 'byte for byte');
  const zip = await JSZip.loadAsync(first);
  for (const entry of Object.values(zip.files)) t.equal(entry.date.toISOString(), date.toISOString(), `${entry.name}: the fixed date`);
  const core = await zip.file('docProps/core.xml')!.async('string');
  t.match(core, '<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-01T00:00:00Z</dcterms:created>');
  t.match(core, '<dcterms:modified xsi:type="dcterms:W3CDTF">2023-01-01T00:00:00Z</dcterms:modified>');
  const other = await planWorkbookToXlsx(workbook, { date: new Date('2024-01-01T00:00:00Z') });
  t.notOk(first.equals(other), 'another date, other bytes: the date really is what is written');
});
