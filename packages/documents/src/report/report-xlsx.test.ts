import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ECUADORIAN_NUMBER_FORMAT, evaluatePlan, evaluationDigest, foldPlanFacts, type PlanFacts } from '@semaforo/domain';
import { aPlanLog } from '@semaforo/domain/testing';
import { LABELS } from '../labels.js';
import { PUBLIC_TEXTS, RESERVED_TEXTS, reservedPlanFacts } from './reserved-plan.fixture.js';
import { REPORT_DATED_AT, REPORT_PERIOD, REPORT_POSITION } from './report-plan.fixture.js';
import type { ReportInput } from './build-report.js';
import { renderEvaluationReport } from './render-evaluation-report.js';
import { readReportStamp } from './report-stamp.js';

/** The one path the API and the reporter take, asked for XLSX. */
const renderReportXlsx = async (input: ReportInput): Promise<Buffer> =>
  (await renderEvaluationReport(input, { format: 'xlsx', ...(input.version === undefined ? {} : { version: input.version }) })).bytes;

const inputOf = (facts: PlanFacts, overrides: Partial<ReportInput> = {}): ReportInput => {
  const evaluation = evaluatePlan(facts, REPORT_PERIOD);
  return { evaluation, facts, position: REPORT_POSITION, digest: evaluationDigest(evaluation), datedAt: REPORT_DATED_AT, language: 'es', ...overrides };
};

const readBack = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
};

/** Every XML part of the file, decompressed: what a search for a leaked text must look through. */
const xmlOf = async (bytes: Buffer): Promise<string> => {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).map((entry) => entry.async('string')));
  return parts.join('\n');
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

t.test('the workbook: a summary, one sheet per kind, critical, closing; frozen headers and filters', async (t) => {
  const input = inputOf(reservedPlanFacts());
  for (const language of ['es', 'en'] as const) {
    const workbook = await readBack(await renderReportXlsx({ ...input, language }));
    const report = LABELS[language].report;
    t.same(
      workbook.worksheets.map((sheet) => sheet.name),
      [report.workbook.summarySheet, report.kindSection.result, report.kindSection.production, report.workbook.criticalSheet, report.workbook.closingSheet],
      `${language}: the sheets`,
    );
    for (const sheet of workbook.worksheets.slice(1)) {
      t.match(sheet.views[0], { state: 'frozen', ySplit: 1 }, `${sheet.name}: the header row is frozen`);
      t.ok(sheet.autoFilter, `${sheet.name}: filters on`);
    }
    t.same(workbook.worksheets[4]!.getRow(1).values, [undefined, ...LABELS[language].closingHeader], 'the closing table’s header');
  }
});

t.test('each kind sheet holds the evaluation’s rows: numbers as numbers, with the plan’s formats', async (t) => {
  const input = inputOf(reservedPlanFacts());
  const workbook = await readBack(await renderReportXlsx(input));
  const { evaluation } = input;
  const rows = [workbook.worksheets[1]!, workbook.worksheets[2]!].flatMap((sheet) => sheet.getRows(2, sheet.rowCount - 1) ?? []);
  t.same(rows.map((row) => row.getCell(1).value).sort(), evaluation.indicators.map((row) => row.code).sort(), 'every indicator once');
  for (const row of rows) {
    const expected = evaluation.indicators.find((r) => r.code === row.getCell(1).value)!;
    const label = expected.code;
    t.equal(row.getCell(2).value, expected.name, `${label}: name`);
    const target = row.getCell(9);
    const result = row.getCell(10);
    const scale = expected.measure === 'percent' ? 100 : 1;
    if (expected.target === null) t.equal(target.value, null, `${label}: no target`);
    else if (!expected.target.includes('/')) t.equal(twelve((target.value as number) * scale), Number(expected.target), `${label}: target as a number`);
    if (expected.result === null) t.equal(result.value, null, `${label}: no result`);
    else if (!expected.result.includes('/')) t.equal(twelve((result.value as number) * scale), Number(expected.result), `${label}: result as a number`);
    const compliance = row.getCell(11);
    if (expected.compliance === null) t.equal(compliance.value, null, `${label}: no compliance`);
    else {
      t.equal(twelve((compliance.value as number) * 100), Number(expected.compliance.display), `${label}: compliance as the fraction of its display`);
      t.equal(compliance.numFmt, `0.${'0'.repeat(expected.compliance.display.split('.')[1]?.length ?? 0)}%`.replace('.%', '%'), `${label}: percent format`);
    }
    t.equal(row.getCell(12).value, LABELS.es.status[expected.status], `${label}: the status word`);
    t.equal(typeof target.value === 'number' || target.value === null, true);
  }
  const counted = rows.find((row) => row.getCell(1).value === 'PR-DIR-01')!;
  t.equal(counted.getCell(9).numFmt, '#,##0', 'thousands grouped');
  const closing = workbook.worksheets[4]!;
  t.same(
    closing.getRows(2, closing.rowCount - 1)!.map((row) => [row.getCell(2).value, row.getCell(3).value]),
    evaluation.closingTable.map((row) => [row.measured, row.reachedTarget]),
    'the closing table’s counts are numbers',
  );
});

t.test('the Ecuadorian format: no other numbers, other format codes (percent spaced); grouping off when the plan says so', async (t) => {
  const facts = reservedPlanFacts();
  const ecuadorian = await readBack(await renderReportXlsx(inputOf(facts, { numberFormat: ECUADORIAN_NUMBER_FORMAT })));
  const salvadoran = await readBack(await renderReportXlsx(inputOf(facts)));
  const compliance = (workbook: ExcelJS.Workbook) => workbook.worksheets[1]!.getRow(2).getCell(11);
  t.equal(compliance(ecuadorian).value, compliance(salvadoran).value, 'the same number');
  t.match(compliance(ecuadorian).numFmt, / %$/, 'spaced percent sign');
  t.match(compliance(salvadoran).numFmt, /[^ ]%$/, 'attached percent sign');
  const ungrouped = await readBack(await renderReportXlsx(inputOf(facts, { numberFormat: { ...ECUADORIAN_NUMBER_FORMAT, thousandsSeparator: '' } })));
  t.equal(ungrouped.worksheets[4]!.getRow(2).getCell(2).numFmt, '0');
});

t.test('the public version never contains a reserved text; the internal version does, marked; omissions and the notice are shown', async (t) => {
  const input = inputOf(reservedPlanFacts());
  for (const language of ['es', 'en'] as const) {
    const full = await xmlOf(await renderReportXlsx({ ...input, language }));
    const publicXml = await xmlOf(await renderReportXlsx({ ...input, language, version: 'public' }));
    for (const [name, text] of Object.entries(RESERVED_TEXTS)) {
      t.ok(full.includes(text), `${language}: the internal version has the reserved ${name}`);
      t.notOk(publicXml.includes(text), `${language}: the public version has no reserved ${name}`);
      t.notOk(publicXml.includes(text.slice(0, 14)), `${language}: not even its first characters (${name})`);
    }
    for (const text of Object.values(PUBLIC_TEXTS)) t.ok(publicXml.includes(text), `${language}: a text not reserved stays: ${text}`);
    const report = LABELS[language].report;
    t.ok(publicXml.includes(escapeXml(report.omitted)), `${language}: the omission is marked`);
    t.ok(publicXml.includes(escapeXml(report.publicNotice)), `${language}: the legal notice`);
    t.notOk(full.includes(escapeXml(report.publicNotice)), `${language}: no notice on the internal version`);
    t.ok(full.includes(`${escapeXml(report.reservedMark)} ${RESERVED_TEXTS.justification}`), `${language}: the internal version marks a reserved text`);
    t.notOk(full.includes(escapeXml(report.omitted)), `${language}: and omits nothing`);
  }
});

t.test('byte-identical: the same inputs give the same bytes, every zip entry dated by the position’s own time', async (t) => {
  const input = inputOf(reservedPlanFacts());
  const first = await renderReportXlsx(input);
  const second = await renderReportXlsx(input);
  t.equal(sha256(second), sha256(first), 'twice in one process');
  const zip = await JSZip.loadAsync(first);
  const dates = new Set(Object.values(zip.files).map((entry) => entry.date.toISOString()));
  // DOS times have two-second steps: 14:30:00 is exact.
  t.same([...dates], ['2023-07-05T14:30:00.000Z'], 'every entry dated by the document, none by the clock');
  const core = await zip.file('docProps/core.xml')!.async('string');
  t.match(core, /<dcterms:created xsi:type="dcterms:W3CDTF">2023-07-05T14:30:00Z<\/dcterms:created>/);
  t.match(
    readReportStamp(first),
    {
      planId: 'upisss-2023',
      period: REPORT_PERIOD,
      position: REPORT_POSITION,
      digest: input.digest,
      layout: 'v1',
      format: 'xlsx',
      language: 'es',
      version: 'internal',
    },
    'the stamp reads from the raw bytes',
  );
  t.match(core, /semaforo-report\/1;plan=/);

  const script = fileURLToPath(new URL('./testing/render-xlsx-main.ts', import.meta.url));
  const other = execFileSync(process.execPath, ['--import', 'tsx', script], { maxBuffer: 1 << 24 });
  t.equal(sha256(other), sha256(first), 'in another process, at another time');
});

t.test('byte-identical after later appends: the facts as of the document’s position give the same file', async (t) => {
  const log = aPlanLog()
    .register('IE-01')
    .figures('IE-01', [['2023-Q1', '100', '80']])
    .justify('IE-01', '2023-Q1', 'Demoras en compras');
  const asOf = log.events.length;
  const before = await renderReportXlsx(withPeriod(foldPlanFacts(log.events.slice(0, asOf))!));
  log.figures('IE-01', [['2023-Q2', '100', '20']]).justify('IE-01', '2023-Q1', 'Otra explicación, escrita después');
  const after = await renderReportXlsx(withPeriod(foldPlanFacts(log.events.slice(0, asOf))!));
  t.equal(sha256(after), sha256(before), 'the same position, the same bytes');
  const now = await renderReportXlsx(withPeriod(foldPlanFacts(log.events)!));
  t.not(sha256(now), sha256(before), 'and the later position is another document');
});

const withPeriod = (facts: PlanFacts): ReportInput => {
  const evaluation = evaluatePlan(facts, '2023-Q1');
  return { evaluation, facts, position: '5:1', digest: evaluationDigest(evaluation), datedAt: '2023-04-03T12:00:00.000Z', language: 'es' };
};

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A cell holds a double: read back to twelve significant digits, what a spreadsheet shows of it. */
const twelve = (value: number): number => Number(value.toPrecision(12));
