import t from 'tap';
import { WORKBOOK_LAYOUT, columnOfHeader, sheetLayout, sheetOfName } from './workbook-layout.js';

t.test('sheets and headers are found by their Spanish or English names, however they are typed', async (t) => {
  t.equal(sheetOfName('Metas')?.key, 'targets');
  t.equal(sheetOfName('targets')?.key, 'targets');
  t.equal(sheetOfName(' RESULTADOS ')?.key, 'results');
  t.equal(sheetOfName('Hoja1'), undefined);
  t.equal(columnOfHeader(sheetLayout('units'), 'Clase de area')?.key, 'areaClass');
  t.equal(columnOfHeader(sheetLayout('units'), 'Parent unit')?.key, 'parentCode');
  t.equal(columnOfHeader(sheetLayout('results'), 'período')?.key, 'period');
  t.equal(columnOfHeader(sheetLayout('results'), 'comentario'), undefined);
});

t.test('within a sheet, no two columns share a header in either language', async (t) => {
  for (const sheet of WORKBOOK_LAYOUT) {
    for (const language of ['es', 'en'] as const) {
      const headers = sheet.columns.map((c) => c[language].toLowerCase());
      t.equal(new Set(headers).size, headers.length, `${sheet.key} (${language})`);
    }
  }
});
