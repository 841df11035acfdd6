import t from 'tap';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { sheetLayout } from './workbook-layout.js';
import { canonicalDecimal } from './exact-decimal.js';
import { planWorkbookToXlsx } from './write-xlsx.js';
import type { PlanWorkbook } from './plan-workbook.js';

/** Signed decimals as the write side accepts them: up to 20 integer and 10 fraction digits, weighted to the long ones. */
const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const decimal = fc
  .tuple(fc.boolean(), fc.oneof(digits(1, 3), digits(1, 20)), fc.option(fc.oneof(digits(1, 2), digits(1, 10)), { nil: undefined }))
  .map(([negative, integer, fraction]) => `${negative ? '-' : ''}${integer}${fraction === undefined ? '' : `.${fraction}`}`)
  .filter((value) => !/^-0+(\.0+)?$/.test(value));

/** A number cell reads back as the double, whose shortest spelling is the decimal it was written from; a text cell in the language's separator. */
function read(value: ExcelJS.CellValue, language: 'es' | 'en'): string {
  if (typeof value === 'number') return canonicalDecimal(String(value));
  if (typeof value !== 'string') throw new Error(`neither a number nor a text: ${JSON.stringify(value)}`);
  return canonicalDecimal(language === 'es' ? value.replace(',', '.') : value);
}

t.test('property: any signed decimal written to a workbook reads back as the same value, every digit kept', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(decimal, { minLength: 1, maxLength: 40 }), fc.constantFrom<'es' | 'en'>('es', 'en'), async (values, language) => {
      const layout = sheetLayout('targets');
      const workbook: PlanWorkbook = {
        language,
        sheets: [
          { layout, rows: values.map((value, i) => layout.columns.map((c) => (c.key === 'value' ? { decimal: value } : c.key === 'code' ? `I-${i}` : null))) },
        ],
      };
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await planWorkbookToXlsx(workbook, { date: new Date(0) })) as unknown as Parameters<typeof book.xlsx.load>[0]);
      const sheet = book.worksheets[0]!;
      const column = layout.columns.findIndex((c) => c.key === 'value') + 1;
      values.forEach((value, i) => {
        const back = read(sheet.getCell(i + 2, column).value, language);
        if (back !== canonicalDecimal(value)) throw new Error(`${value} came back as ${back}`);
      });
    }),
    { numRuns: 40 },
  );
  t.pass('every value came back');
});
