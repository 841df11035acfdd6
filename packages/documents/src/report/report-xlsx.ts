import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { INDICATOR_KINDS, wordOf, type IndicatorEvaluation, type IndicatorKind, type NumberFormat } from '@semaforo/domain';
import { LABELS } from '../labels.js';
import type { ReportModel, ReportText } from './report-model.js';
import { writeReportStamp, type ReportStamp } from './report-stamp.js';

/**
 * The report as a workbook (layout v1 of `xlsx` in `report-layouts.ts`): a summary sheet (cover,
 * public notice, scale, general results, how to verify), one sheet per kind with every indicator and
 * all its columns, the critical indicators with their justifications and corrective actions, and
 * the closing table. Texts come from the model, so the public version's omissions are the model's;
 * numbers are numbers (the model's `figures`), each with a format code from the plan's number format.
 *
 * Byte-identical for the same model: the workbook's dates are the position's own time, and the zip
 * is written again with every entry dated by it (exceljs dates each entry with the clock). The stamp
 * is in the core properties' keywords, and that part is stored uncompressed so that the stamp reads
 * from the file's raw bytes as in every format.
 */
export async function renderReportXlsxV1(model: ReportModel, stamp: ReportStamp): Promise<Buffer> {
  const formats = numberFormats(model.numberFormat);
  const dated = new Date(model.datedAt);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Semáforo';
  workbook.lastModifiedBy = 'Semáforo';
  workbook.created = dated;
  workbook.modified = dated;
  workbook.title = model.title;
  workbook.subject = `${model.planId} ${model.reportingPeriod}`;
  workbook.description = documentLine(model, stamp);
  workbook.keywords = writeReportStamp(stamp);

  summarySheet(workbook, model, stamp, formats);
  for (const kind of INDICATOR_KINDS) indicatorSheet(workbook, model, kind, formats);
  criticalSheet(workbook, model);
  closingSheet(workbook, model, formats);

  // Stored, not deflated: the zip is written again below, and compressing twice would cost a third of the time.
  const written = Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
  return rezip(written, dated);
}

const documentLine = (model: ReportModel, stamp: ReportStamp): string =>
  `${model.footer.position} · ${model.footer.digest} · ${LABELS[model.language].report.footer.layout(stamp.layout, stamp.format, stamp.language, stamp.version)}`;

/** A text as the internal version prints it (with its mark when reserved) or the public one (the model already holds the marker). */
const textOf = (model: ReportModel, text: ReportText): string => (text.reserved && text.omitted !== true ? `${model.reservedMark} ${text.text}` : text.text);

type Sheet = ExcelJS.Worksheet;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
const BOLD: Partial<ExcelJS.Font> = { bold: true };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

function header(sheet: Sheet, cells: readonly string[]): ExcelJS.Row {
  const row = sheet.addRow([...cells]);
  row.eachCell((cell) => {
    cell.font = BOLD;
    cell.fill = HEADER_FILL;
    cell.alignment = WRAP;
  });
  return row;
}

/** The header row stays in view and every column can be filtered. */
function tableView(sheet: Sheet, headerRow: number, columns: number, lastRow: number): void {
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(lastRow, headerRow), column: columns } };
}

function summarySheet(workbook: ExcelJS.Workbook, model: ReportModel, stamp: ReportStamp, formats: NumberFormats): void {
  const evaluation = model.figures;
  const labels = LABELS[model.language];
  const report = labels.report;
  const sheet = workbook.addWorksheet(report.workbook.summarySheet);
  sheet.columns = [{ width: 34 }, { width: 60 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }];
  sheet.addRow([model.title]).getCell(1).font = { bold: true, size: 14 };
  for (const line of model.cover.lines) sheet.addRow([line.label, line.value]).getCell(1).font = BOLD;
  sheet.addRow([model.cover.standing]);
  if (model.cover.publicVersion !== null) {
    sheet.addRow([model.cover.publicVersion.title]).getCell(1).font = BOLD;
    const notice = sheet.addRow([model.cover.publicVersion.notice]);
    sheet.mergeCells(notice.number, 1, notice.number, 8);
    notice.getCell(1).alignment = WRAP;
    notice.height = 60;
  }
  sheet.addRow([]);
  sheet.addRow([model.methodology.heading]).getCell(1).font = BOLD;
  for (const line of model.methodology.scale) {
    const row = sheet.addRow([line.status.word, line.text]);
    statusStyle(row.getCell(1), line.status.color);
  }

  sheet.addRow([]);
  sheet.addRow([model.general.byKindHeading]).getCell(1).font = BOLD;
  header(sheet, model.general.byKind.header);
  const kindRow = (label: string, c: ReportModel['figures']['summary']['plan']) => {
    const row = sheet.addRow([label, c.planned, c.due, c.evaluated, c.notReported]);
    for (let column = 2; column <= 5; column += 1) row.getCell(column).numFmt = formats.count;
  };
  for (const kind of evaluation.summary.byKind) kindRow(labels.kind[kind.kind], kind);
  kindRow(labels.kind.total, evaluation.summary.plan);

  sheet.addRow([]);
  sheet.addRow([model.general.byPerspectiveHeading]).getCell(1).font = BOLD;
  header(sheet, model.general.byPerspective.header);
  for (const p of evaluation.summary.byPerspective) {
    const row = sheet.addRow([
      p.name,
      p.evaluated,
      p.good,
      share(p.goodShare?.display),
      p.regular,
      share(p.regularShare?.display),
      p.critical,
      share(p.criticalShare?.display),
    ]);
    for (const column of [2, 3, 5, 7]) row.getCell(column).numFmt = formats.count;
    for (const [column, display] of [
      [4, p.goodShare?.display],
      [6, p.regularShare?.display],
      [8, p.criticalShare?.display],
    ] as const) {
      row.getCell(column).numFmt = formats.percent(decimalsOf(display ?? '0'));
    }
  }

  sheet.addRow([]);
  for (const line of [model.footer.position, model.footer.digest, model.footer.verify, documentLine(model, stamp)]) {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, 8);
    row.getCell(1).alignment = WRAP;
  }
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
}

function indicatorSheet(workbook: ExcelJS.Workbook, model: ReportModel, kind: IndicatorKind, formats: NumberFormats): void {
  const evaluation = model.figures;
  const labels = LABELS[model.language];
  const report = labels.report;
  const w = report.workbook;
  const sheet = workbook.addWorksheet(report.kindSection[kind]);
  const window = tableWindow(model);
  const head = [
    report.tableHeader.code,
    report.tableHeader.indicator,
    w.perspective,
    w.unit,
    w.measure,
    report.tableHeader.periodicity,
    w.polarity,
    w.accumulation,
    report.tableHeader.target(window),
    report.tableHeader.result(window),
    report.tableHeader.compliance,
    report.tableHeader.status,
    report.interpretations,
  ];
  sheet.columns = [14, 60, 24, 36, 14, 14, 18, 18, 16, 16, 16, 16, 60].map((width) => ({ width }));
  header(sheet, head);
  const byCode = new Map(evaluation.indicators.map((row) => [row.code, row]));
  const perspectiveName = new Map(evaluation.summary.byPerspective.map((p) => [p.code, p.name]));
  const unitName = new Map(evaluation.summary.byUnit.map((u) => [u.code, u.name]));
  const language = model.language;
  // The printed document's order: perspectives in plan order, then units, then codes.
  const codes = (model.sections.find((section) => section.kind === kind)?.perspectives ?? []).flatMap((p) =>
    p.tables.flatMap((t) => t.rows.map((r) => r.code)),
  );
  // The model's texts, so the public version's omissions are the same as in every other format.
  const interpretations = new Map<string, string[]>();
  for (const section of model.sections) {
    for (const perspective of section.perspectives) {
      for (const interpretation of perspective.interpretations) {
        const texts = interpretations.get(interpretation.code) ?? [];
        texts.push(`${interpretation.period}: ${textOf(model, interpretation.text)}`);
        interpretations.set(interpretation.code, texts);
      }
    }
  }
  const statusOf = new Map(
    model.sections.flatMap((s) => s.perspectives.flatMap((p) => p.tables.flatMap((t) => t.rows.map((r) => [r.code, r.status] as const)))),
  );
  for (const code of codes) {
    const row: IndicatorEvaluation = byCode.get(code)!;
    const status = statusOf.get(code)!;
    const line = sheet.addRow([
      row.code,
      row.name,
      perspectiveName.get(row.perspective) ?? row.perspective,
      unitName.get(row.unit) ?? row.unit,
      wordOf('measure', row.measure, language),
      wordOf('periodicity', row.periodicity, language),
      wordOf('polarity', row.polarity, language),
      wordOf('accumulation', row.accumulation, language),
      figure(row.target, row.measure),
      figure(row.result, row.measure),
      share(row.compliance?.display),
      status.word,
      (interpretations.get(code) ?? []).join('\n'),
    ]);
    for (const column of [2, 4, 13]) line.getCell(column).alignment = WRAP;
    line.getCell(9).numFmt = formats.figure(row.target, row.measure, row.decimals);
    line.getCell(10).numFmt = formats.figure(row.result, row.measure, row.decimals);
    line.getCell(11).numFmt = formats.percent(decimalsOf(row.compliance?.display ?? '0'));
    statusStyle(line.getCell(12), status.color);
  }
  tableView(sheet, 1, head.length, codes.length + 1);
}

function criticalSheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const report = LABELS[model.language].report;
  const w = report.workbook;
  const sheet = workbook.addWorksheet(w.criticalSheet);
  const [actionHeader, ownerHeader, dueHeader] = model.critical.actionHeader;
  const head = [report.tableHeader.code, report.tableHeader.indicator, w.unit, w.period, w.justification, actionHeader!, ownerHeader!, dueHeader!];
  sheet.columns = [14, 48, 30, 12, 60, 48, 28, 14].map((width) => ({ width }));
  header(sheet, head);
  let rows = 0;
  for (const entry of model.critical.entries) {
    for (const justification of entry.justifications) {
      const start = [entry.code, entry.name, entry.unit, justification.period, textOf(model, justification.text)];
      const actions = justification.actions.length === 0 ? [null] : justification.actions;
      for (const action of actions) {
        const line = sheet.addRow(
          action === null ? [...start, model.critical.noActions] : [...start, action.action.text, action.owner.text, isoDate(action.dueDate)],
        );
        for (const column of [2, 3, 5, 6, 7]) line.getCell(column).alignment = WRAP;
        if (action !== null) line.getCell(8).numFmt = 'yyyy-mm-dd';
        rows += 1;
      }
    }
  }
  tableView(sheet, 1, head.length, rows + 1);
  sheet.addRow([]);
  sheet.addRow([model.criticalWithout.heading]).getCell(1).font = BOLD;
  if (model.criticalWithout.entries.length === 0) sheet.addRow([model.criticalWithout.none]);
  for (const entry of model.criticalWithout.entries) sheet.addRow([entry.code, entry.name]).getCell(2).alignment = WRAP;
}

function closingSheet(workbook: ExcelJS.Workbook, model: ReportModel, formats: NumberFormats): void {
  const evaluation = model.figures;
  const labels = LABELS[model.language];
  const sheet = workbook.addWorksheet(labels.report.workbook.closingSheet);
  sheet.columns = [28, 14, 14, 18].map((width) => ({ width }));
  header(sheet, model.closing.table.header);
  for (const row of evaluation.closingTable) {
    const line = sheet.addRow([labels.kind[row.kind], row.measured, row.reachedTarget, share(row.goodShare?.display)]);
    line.getCell(2).numFmt = formats.count;
    line.getCell(3).numFmt = formats.count;
    line.getCell(4).numFmt = formats.percent(decimalsOf(row.goodShare?.display ?? '0'));
  }
  tableView(sheet, 1, 4, evaluation.closingTable.length + 1);
}

/** "enero–junio": the window as the printed table headers name it (their target header less its first word). */
function tableWindow(model: ReportModel): string {
  const report = LABELS[model.language].report;
  for (const section of model.sections) {
    for (const perspective of section.perspectives) {
      const heading = perspective.tables[0]?.header[3];
      const prefix = report.tableHeader.target('');
      if (heading !== undefined && heading.startsWith(prefix)) return heading.slice(prefix.length);
    }
  }
  return '';
}

function statusStyle(cell: ExcelJS.Cell, color: string): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${color.slice(1).toUpperCase()}` } };
  cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
}

interface NumberFormats {
  readonly count: string;
  readonly percent: (decimals: number) => string;
  readonly figure: (value: string | null, measure: IndicatorEvaluation['measure'], decimals: number) => string;
}

/**
 * Excel format codes from the plan's number format: grouping or none, the percent sign attached or
 * spaced, the currency symbol. The separator characters themselves are not in a format code: a
 * spreadsheet stores the number, and the reader's Excel shows it with its own locale's separators.
 */
function numberFormats(format: NumberFormat): NumberFormats {
  const whole = format.thousandsSeparator === '' ? '0' : '#,##0';
  const fraction = (decimals: number) => (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');
  const percent = (decimals: number) => `0${fraction(decimals)}${format.percentStyle === 'spaced' ? ' ' : ''}%`;
  return {
    count: whole,
    percent,
    figure(value, measure, decimals) {
      // A decimal keeps the digits it was reported with; an exact fraction shows the indicator's decimals.
      const digits = value === null ? 0 : value.includes('/') ? decimals : decimalsOf(value);
      if (measure === 'percent') return percent(digits);
      if (measure === 'currency') return `"${format.currencySymbol.replace(/"/g, '')}"${whole}${fraction(digits)}`;
      return `${whole}${fraction(digits)}`;
    },
  };
}

const decimalsOf = (value: string): number => {
  const point = value.indexOf('.');
  return point < 0 ? 0 : value.length - point - 1;
};

/**
 * A decimal string as the cell's number. The only place a figure becomes a binary double, for the
 * spreadsheet to compute with; nothing is decided on it (statuses come from the exact evaluation).
 * A percent measure's figure is its fraction (`4.27` → 0.0427), so the `%` format shows 4.27%.
 */
function figure(value: string | null, measure: IndicatorEvaluation['measure']): number | null {
  if (value === null) return null;
  if (measure === 'percent') return fractionOfPercent(value);
  const slash = value.indexOf('/');
  return slash < 0 ? Number(value) : Number(value.slice(0, slash)) / Number(value.slice(slash + 1));
}

/** A displayed percentage (`"99.6"`) as the fraction a `%` cell holds (0.996), shifted in text so it is the nearest double to it. */
function share(display: string | undefined): number | null {
  return display === undefined ? null : fractionOfPercent(display);
}

function fractionOfPercent(value: string): number {
  const slash = value.indexOf('/');
  if (slash >= 0) return Number(value.slice(0, slash)) / Number(value.slice(slash + 1)) / 100;
  const negative = value.startsWith('-');
  const digits = negative ? value.slice(1) : value;
  const [whole = '0', fraction = ''] = digits.split('.');
  const padded = whole.padStart(3, '0');
  const text = `${padded.slice(0, -2)}.${padded.slice(-2)}${fraction}`;
  return Number((negative ? '-' : '') + text);
}

const isoDate = (date: string): Date => new Date(`${date}T00:00:00.000Z`);

/** exceljs dates every zip entry with the clock; written again, each entry carries the document's own time and nothing else varies. */
async function rezip(xlsx: Buffer, date: Date): Promise<Buffer> {
  const source = await JSZip.loadAsync(xlsx);
  const target = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue;
    // The stamp's part is stored, not deflated: the stamp reads from the raw bytes.
    const stored = entry.name === 'docProps/core.xml';
    target.file(entry.name, await entry.async('uint8array'), {
      date,
      createFolders: false,
      binary: true,
      ...(stored ? { compression: 'STORE' as const } : {}),
    });
  }
  return target.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
