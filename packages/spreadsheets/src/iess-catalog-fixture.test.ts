import { readFileSync } from 'node:fs';
import t from 'tap';
import ExcelJS from 'exceljs';
import { codeSchema, indicatorDefinitionSchema, parsePeriod, valueOfWord } from '@semaforo/domain';

/*
 * The committed national catalog (tests/fixtures/iess-catalog, written by
 * scripts/catalog-to-workbook.ts from the seed): what the importer and the
 * bench read. Checked here against the domain's own rules, so a
 * re-derivation that breaks them fails before any import does.
 */
const FIXTURES = new URL('../../../tests/fixtures/iess-catalog/', import.meta.url);

async function sheetsOf(file: string): Promise<Map<string, string[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(new URL(file, FIXTURES)) as unknown as Parameters<typeof book.xlsx.load>[0]);
  const sheets = new Map<string, string[][]>();
  for (const sheet of book.worksheets) {
    const rows: string[][] = [];
    // Every cell of these files is text or a number (the writer puts nothing else in).
    sheet.eachRow((row) =>
      rows.push((row.values as (string | number | null | undefined)[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))),
    );
    sheets.set(sheet.name, rows);
  }
  return sheets;
}

const catalog = await sheetsOf('catalogo-iess-2021.xlsx');
const body = (name: string) => catalog.get(name)!.slice(1);

t.test('the catalog workbook: every sheet, 3 perspectives, 44 units, 670 indicators, 5,872 target rows', async (t) => {
  t.strictSame([...catalog.keys()], ['Perspectivas', 'Unidades', 'Indicadores', 'Metas', 'Resultados']);
  t.equal(body('Perspectivas').length, 3);
  t.equal(body('Unidades').length, 44);
  t.equal(body('Indicadores').length, 670);
  t.equal(body('Metas').length, 5872);
  t.equal(body('Resultados').length, 5872, 'prefilled, to be filled in');
});

t.test('every indicator is one the domain accepts once its words are read, each code once, its unit and perspective defined', async (t) => {
  const units = new Set(body('Unidades').map((row) => row[0]));
  const perspectives = new Set(body('Perspectivas').map((row) => row[0]));
  const codes = new Set<string>();
  const refused: string[] = [];
  for (const [code = '', name, kind = '', perspective = '', unit = '', measure = '', periodicity = '', polarity = '', accumulation = '', formula] of body(
    'Indicadores',
  )) {
    const definition = {
      name,
      kind: valueOfWord('kind', kind),
      perspective,
      unit,
      measure: valueOfWord('measure', measure),
      periodicity: valueOfWord('periodicity', periodicity),
      polarity: valueOfWord('polarity', polarity),
      accumulation: valueOfWord('accumulation', accumulation),
      formula,
    };
    if (!codeSchema.safeParse(code).success || codes.has(code) || !indicatorDefinitionSchema.safeParse(definition).success) refused.push(code);
    if (!units.has(unit) || !perspectives.has(perspective)) refused.push(`${code} (${unit}, ${perspective})`);
    codes.add(code);
  }
  t.strictSame(refused, [], 'none refused');
});

t.test('the targets as the catalog writes them: its quirks kept for the importer to meet', async (t) => {
  const indicators = new Map(body('Indicadores').map((row) => [row[0], row]));
  const values = body('Metas').map((row) => row[4]);
  t.ok(values.includes('-375,123,611$'), 'a financial gap: sign, English thousands and a dollar sign glued on');
  t.ok(values.includes('0,5'), 'a Spanish decimal comma');
  t.ok(values.includes('1,833'), 'English thousands');
  t.ok(values.includes('91.28%'), 'a percent with a decimal point');
  t.ok(
    body('Indicadores').some((row) => row[6] === 'Bimenstral'),
    "the catalog's misspelling of Bimestral",
  );
  for (const [code = '', , , period = ''] of body('Metas')) {
    const periodicity = valueOfWord('periodicity', indicators.get(code)?.[6] ?? '');
    const parsed = parsePeriod(period);
    if (parsed.year !== 2021 || parsed.periodicity !== periodicity) t.fail(`${code} ${period}: not a 2021 period of its periodicity`);
  }
});

t.test('a year of generated results in the Resultados layout: 5,872 rows, 69 of them "no data"', async (t) => {
  const results = await sheetsOf('resultados-2021.xlsx');
  const rows = results.get('Resultados')!;
  t.strictSame(rows[0], ['Código', 'Indicador', 'Unidad responsable', 'Período', 'Resultado', 'Numerador', 'Denominador', 'Sin datos', 'Motivo']);
  t.equal(rows.length - 1, 5872);
  t.equal(rows.filter((row) => row[7] === 'Sí').length, 69);
  t.ok(
    rows.slice(1).every((row) => row[7] === 'Sí' || /^-?\d+(,\d+)?$/.test(row[4] ?? '')),
    'every value a number as a Spanish workbook writes it',
  );
  const csv = readFileSync(new URL('resultados-2021.csv', FIXTURES), 'utf8').split('\r\n');
  t.equal(csv.length, 1 + 5872 + 1, 'the CSV has the same rows (and ends in CRLF)');
});
