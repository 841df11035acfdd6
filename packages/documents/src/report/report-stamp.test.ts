import t from 'tap';
import { readReportStamp, writeReportStamp, type ReportStamp } from './report-stamp.js';

const stamp: ReportStamp = {
  planId: 'upisss-2023',
  period: '2023-Q2',
  position: '812:3',
  digest: 'ab'.repeat(32),
  layout: 'v1',
  format: 'pdf',
  language: 'es',
  version: 'internal',
  edition: null,
};

t.test('a stamp reads back from the bytes it is written into', async (t) => {
  const text = writeReportStamp(stamp);
  t.equal(text, `semaforo-report/1;plan=upisss-2023;period=2023-Q2;position=812:3;digest=${'ab'.repeat(32)};layout=v1;format=pdf;lang=es;version=internal`);
  t.same(readReportStamp(Buffer.from(`%PDF-1.3\n/SemaforoReport (${text})\n`, 'latin1')), stamp);
  t.same(readReportStamp(Buffer.from(`<meta name="semaforo-report" content="${writeReportStamp({ ...stamp, edition: 3 })}">`)), { ...stamp, edition: 3 });
  const publicXlsx = { ...stamp, format: 'xlsx', version: 'public' } as const;
  t.same(readReportStamp(Buffer.from(`<cp:keywords>${writeReportStamp(publicXlsx)}</cp:keywords>`)), publicXlsx, 'a public XLSX');
});

t.test('what this code never writes is no stamp', async (t) => {
  const text = writeReportStamp(stamp);
  t.equal(readReportStamp(Buffer.from('nothing here')), null);
  t.equal(readReportStamp(Buffer.from(text.replace('format=pdf', 'format=docx'))), null, 'an unknown format');
  t.equal(readReportStamp(Buffer.from(text.replace('lang=es', 'lang=fr'))), null, 'an unknown language');
  t.equal(readReportStamp(Buffer.from(text.replace('version=internal', 'version=secret'))), null, 'a version this code does not write');
  t.equal(readReportStamp(Buffer.from(`${text};edition=0`)), null, 'an edition is 1 or more');
  t.equal(readReportStamp(Buffer.from(`${text};colour=red`)), null, 'an unknown field');
  t.equal(readReportStamp(Buffer.from(text.replace(';digest=' + 'ab'.repeat(32), ''))), null, 'a missing field');
});
