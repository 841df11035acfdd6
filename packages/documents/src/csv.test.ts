import t from 'tap';
import { LATEST_CSV_VERSION, parseCsvVersion, writeCsv } from './csv.js';

const BOM = '\uFEFF';

t.test('version 1: RFC 4180, no BOM, CRLF, empty cells for null, nothing neutralised', async (t) => {
  t.equal(writeCsv([['a', null, ''], [], ['=1+1', '-375', '@x']], 1), 'a,,\r\n\r\n=1+1,-375,@x\r\n');
  t.equal(writeCsv([['a,b', 'say "hi"', 'two\nlines', 'cr\rhere']], 1), '"a,b","say ""hi""","two\nlines","cr\rhere"\r\n');
  t.equal(writeCsv([], 1), '', 'no records, no bytes');
});

t.test('version 2: the file starts with a UTF-8 BOM, once', async (t) => {
  const csv = writeCsv(
    [
      ['Código', 'Período'],
      ['IE-01', '2021-Q2'],
    ],
    2,
  );
  t.ok(csv.startsWith(BOM));
  t.equal(csv.slice(1), 'Código,Período\r\nIE-01,2021-Q2\r\n', 'after the BOM, what version 1 writes');
  t.equal(Buffer.from(csv, 'utf8').subarray(0, 3).toString('hex'), 'efbbbf', 'EF BB BF on disk');
  t.equal(writeCsv([], 2), BOM);
});

t.test('version 2: a cell starting with =, +, -, @, tab or CR is prefixed with a quote', async (t) => {
  const cases: Array<[string, string]> = [
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', '"\'\rcmd"'],
  ];
  for (const [cell, written] of cases) {
    t.equal(writeCsv([[cell]], 2), `${BOM}${written}\r\n`, JSON.stringify(cell));
  }
});

t.test('version 2: a negative number starts with "-", so it is neutralised too (the rule is textual)', async (t) => {
  t.equal(writeCsv([['-375', '-0.5']], 2), `${BOM}'-375,'-0.5\r\n`);
});

t.test('version 2: safe cells are written as version 1 writes them', async (t) => {
  const safe = ['Bueno', '100.0', 'a=b', 'x-y', 'user@upisss', ' =padded', '', null];
  t.equal(writeCsv([safe], 2), `${BOM}Bueno,100.0,a=b,x-y,user@upisss, =padded,,\r\n`, 'a dangerous character past the first is harmless');
});

t.test('version 2: a cell with a comma, a quote or a line break is quoted as in version 1', async (t) => {
  t.equal(writeCsv([['a,b', 'say "hi"', 'two\nlines']], 2), `${BOM}"a,b","say ""hi""","two\nlines"\r\n`);
  t.equal(writeCsv([['=a,b']], 2), `${BOM}"'=a,b"\r\n`, 'prefixed first, then quoted');
});

t.test('versions are spelled as numbers; new files get the latest', async (t) => {
  t.equal(parseCsvVersion('1'), 1);
  t.equal(parseCsvVersion('2'), 2);
  t.equal(parseCsvVersion('3'), 3);
  t.equal(parseCsvVersion('4'), null);
  t.equal(parseCsvVersion('v2'), null);
  t.equal(LATEST_CSV_VERSION, 3);
});

t.test('version 3: a negative decimal number is written as it is, so a spreadsheet reads a number', async (t) => {
  t.equal(writeCsv([['-375123611', '-0.5', '-12.50', '375']], 3), `${BOM}-375123611,-0.5,-12.50,375\r\n`);
  t.equal(writeCsv([['-0,5']], 3), `${BOM}"-0,5"\r\n`, 'a decimal comma (a Spanish workbook) too, quoted for its comma');
  t.equal(writeCsv([['-375123611', '-0.5']], 2), `${BOM}'-375123611,'-0.5\r\n`, 'version 2 stays as it was');
});

t.test('version 3: anything else starting with -, and every other formula start, is prefixed as in version 2', async (t) => {
  const cells = [
    '-1+2',
    '-7/6',
    '- revisado',
    '-',
    '-.5',
    '-5.',
    '-1e3',
    '-A1',
    '-1,5,0',
    '-1.5,0',
    '=1+1',
    '+1',
    '@SUM(A1)',
    '\tcmd',
    '\rcmd',
    'Bueno',
    'a,b',
    null,
    '',
  ];
  for (const cell of cells) {
    t.equal(writeCsv([[cell]], 3), writeCsv([[cell]], 2), JSON.stringify(cell));
  }
});
