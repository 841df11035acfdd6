import t from 'tap';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readCsv } from './read-csv.js';
import { SpreadsheetError, type SheetRow } from './sheet-table.js';

const rowsOf = async (bytes: Uint8Array): Promise<SheetRow[]> => {
  const rows: SheetRow[] = [];
  for await (const row of readCsv(bytes).rows) rows.push(row);
  return rows;
};
const texts = (rows: readonly SheetRow[]) => rows.map((r) => [r.number, ...r.cells.map((c) => c?.text ?? '')]);

t.test('given UTF-8 with a BOM, semicolons and CRLF, when read, then the cells as typed', async (t) => {
  const bytes = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('Código;Período;Resultado\r\nIE-1;2021-M01;"1.219,5"\r\n\r\nIE-2;2021-M02;"a;b\r\nc"\r\n'),
  ]);
  const file = readCsv(bytes);
  t.equal(file.encoding, 'utf-8');
  t.equal(file.separator, ';');
  t.same(texts(await rowsOf(bytes)), [
    [1, 'Código', 'Período', 'Resultado'],
    [2, 'IE-1', '2021-M01', '1.219,5'],
    [4, 'IE-2', '2021-M02', 'a;b\r\nc'],
  ]);
});

t.test('given Windows-1252 (Excel in Spanish), when read, then the accents are right', async (t) => {
  const latin = Buffer.from([...Buffer.from('C'), 0xf3, ...Buffer.from('digo,Per'), 0xed, ...Buffer.from('odo\nDIR-1,Direcci'), 0xf3, ...Buffer.from('n\n')]);
  const file = readCsv(latin);
  t.equal(file.encoding, 'windows-1252');
  t.equal(file.separator, ',');
  t.same(texts(await rowsOf(latin)), [
    [1, 'Código', 'Período'],
    [2, 'DIR-1', 'Dirección'],
  ]);
});

t.test('given UTF-8 without a BOM and commas, then it is UTF-8', async (t) => {
  const file = readCsv(Buffer.from('Código,Nombre\nA,Unidad de Atención\n'));
  t.equal(file.encoding, 'utf-8');
  t.same(texts(await rowsOf(Buffer.from('Código,Nombre\nA,Unidad de Atención\n'))), [
    [1, 'Código', 'Nombre'],
    [2, 'A', 'Unidad de Atención'],
  ]);
});

t.test('given an empty file, or one of blanks, then FILE_EMPTY', async (t) => {
  for (const bytes of [Buffer.alloc(0), Buffer.from(' \r\n\r\n')]) {
    const error = t.throws(() => readCsv(bytes)) as SpreadsheetError;
    t.equal(error.code, 'FILE_EMPTY');
  }
});

t.test('given an unclosed quote, then CSV_UNREADABLE naming where', async (t) => {
  await t.rejects(rowsOf(Buffer.from('a,b\n1,"2\n')), { code: 'CSV_UNREADABLE' });
});

t.test('given 100,000 rows, when streamed, then every row is read and memory stays bounded', async (t) => {
  const header = 'Código;Período;Resultado\n';
  const lines: string[] = [header];
  for (let i = 0; i < 100_000; i++) lines.push(`IND-${i % 700};2021-M${String((i % 12) + 1).padStart(2, '0')};${i},5\n`);
  const bytes = Buffer.from(lines.join(''));
  lines.length = 0;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  let count = 0;
  let peak = before;
  let last: SheetRow | undefined;
  for await (const row of readCsv(bytes).rows) {
    count += 1;
    last = row;
    if (count % 10_000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  }
  t.equal(count, 100_001);
  t.equal(last?.number, 100_001);
  t.equal(last?.cells[2]?.text, '99999,5');
  // The text itself is ~3 MB; rows are not kept, so the heap never grows by anything like all of them (well over 12 MB held).
  t.ok(peak - before < 12 * 1024 * 1024, `heap grew by ${Math.round((peak - before) / 1024 / 1024)} MB`);
});
