import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import t from 'tap';
import { readXlsx } from './read-xlsx.js';
import type { SheetTable } from './sheet-table.js';

async function workbookOf(fill: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rewrites one sheet's XML, as another program (or an attacker) could have written it. */
async function rewriteSheet(bytes: Buffer, change: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  zip.file('xl/worksheets/sheet1.xml', change(xml));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const cellsOf = (sheet: SheetTable | undefined) => sheet?.rows.map((r) => [r.number, ...r.cells.map((c) => (c === undefined ? null : `${c.kind}:${c.text}`))]);

t.test('given a workbook, when read, then every sheet and its cells as the file holds them', async (t) => {
  const bytes = await workbookOf((workbook) => {
    const results = workbook.addWorksheet('Resultados');
    results.addRow(['Código', 'Período', 'Resultado', 'Sin datos']);
    results.addRow(['IE-1', '2021-M01', 0.1, false]);
    results.addRow(['IE-2', '2021-M02', 1219.5]);
    results.addRow([]);
    results.addRow(['IE-3', '2021-M03', { formula: 'SUM(A1:A3)', result: 7 }]);
    workbook.addWorksheet('Metas').addRow(['Código']);
  });
  const sheets = await readXlsx(bytes);
  t.same(
    sheets.map((s) => s.name),
    ['Resultados', 'Metas'],
  );
  t.same(cellsOf(sheets[0]), [
    [1, 'text:Código', 'text:Período', 'text:Resultado', 'text:Sin datos'],
    [2, 'text:IE-1', 'text:2021-M01', 'number:0.1', 'boolean:FALSE'],
    [3, 'text:IE-2', 'text:2021-M02', 'number:1219.5'],
    [5, 'text:IE-3', 'text:2021-M03', 'formula:=SUM(A1:A3)'],
  ]);
});

t.test('given numbers whose digits a double would change, when read, then the XML text itself', async (t) => {
  const written = await workbookOf((workbook) => workbook.addWorksheet('Metas').addRow(['X', 1, 2]));
  const bytes = await rewriteSheet(written, (xml) => xml.replace('<v>1</v>', '<v>1234567890123456789.5</v>').replace('<v>2</v>', '<v>1E-3</v>'));
  const [sheet] = await readXlsx(bytes);
  t.same(cellsOf(sheet), [[1, 'text:X', 'number:1234567890123456789.5', 'number:1E-3']]);
});

t.test('given a file that is not a zip, then NOT_A_ZIP', async (t) => {
  await t.rejects(readXlsx(Buffer.from('Código;Período\n')), { code: 'NOT_A_ZIP' });
  await t.rejects(readXlsx(Buffer.alloc(0)), { code: 'FILE_EMPTY' });
});

t.test('given a zip that is not a workbook, then WORKBOOK_UNREADABLE', async (t) => {
  const zip = new JSZip();
  zip.file('hello.txt', 'hello');
  await t.rejects(readXlsx(await zip.generateAsync({ type: 'nodebuffer' })), { code: 'WORKBOOK_UNREADABLE' });
});

t.test('given a zip bomb, then it is refused by its declared sizes, before anything is expanded', async (t) => {
  // 20 MB of zeros deflate to ~20 KB; with a 1 MB allowance it is a bomb.
  const written = await workbookOf((workbook) => workbook.addWorksheet('Metas').addRow(['X']));
  const zip = await JSZip.loadAsync(written);
  zip.file('xl/media/padding.bin', Buffer.alloc(20 * 1024 * 1024));
  const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  t.ok(bomb.length < 200 * 1024, `${bomb.length} bytes on the wire`);
  await t.rejects(readXlsx(bomb, { maxExpandedBytes: 1024 * 1024 }), { code: 'WORKBOOK_TOO_LARGE_EXPANDED', details: { limit: 1024 * 1024 } });

  // A directory that declares 4 GiB for an entry is refused without inflating it (it holds a few bytes).
  const lying = Buffer.from(written);
  const central = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  lying.writeUInt32LE(0xffffffff, central + 24);
  await t.rejects(readXlsx(lying), { code: 'WORKBOOK_TOO_LARGE_EXPANDED' });
});
