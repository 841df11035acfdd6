import { createRequire } from 'node:module';
import PdfPrinter from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import { LABELS } from '../labels.js';
import type { ReportCharts, ReportModel, ReportTable, ReportText, StatusCell, UnitTable } from './report-model.js';
import { writeReportStamp, type ReportStamp } from './report-stamp.js';

/*
 * PDF layout v1, through pdfmake (on pdfkit): no browser, and the same bytes for the same model.
 * The Roboto files pdfmake itself ships (its `build/vfs_fonts.js`, pinned with it) are embedded as
 * subsets; the document information is fixed (dates from the position's own time, never the clock),
 * and so is the file identifier pdfkit derives from it. Frozen: a change of these bytes is a v2.
 */

const require = createRequire(import.meta.url);
let printer: PdfPrinter | undefined;

function pdfPrinter(): PdfPrinter {
  if (printer === undefined) {
    // Read once per process: the base64 of four font files (~1 MB).
    const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
    const font = (name: string) => Buffer.from(vfs[name]!, 'base64');
    const fonts: TFontDictionary = {
      Roboto: {
        normal: font('Roboto-Regular.ttf'),
        bold: font('Roboto-Medium.ttf'),
        italics: font('Roboto-Italic.ttf'),
        bolditalics: font('Roboto-MediumItalic.ttf'),
      },
    };
    printer = new PdfPrinter(fonts);
  }
  return printer;
}

const PAGE_WIDTH = 595.28 - 2 * 40;

const statusCell = (cell: StatusCell): TableCell => ({ text: cell.word, color: '#ffffff', bold: true, fillColor: cell.color });

// The public version's model holds the marker, never the text (`omitted`); the internal version prints a reserved text with its mark.
const writtenText = (text: ReportText, omitted: string, mark: string): Content =>
  text.omitted === true
    ? { text: omitted, italics: true, color: '#555555' }
    : text.reserved
      ? { text: [{ text: `${mark} `, bold: true }, { text: text.text }] }
      : { text: text.text };

function plainTable(table: ReportTable<readonly string[]>, widths: (string | number)[]): Content {
  return {
    table: {
      headerRows: 1,
      widths,
      body: [
        table.header.map((h) => ({ text: h, style: 'th' })),
        ...table.rows.map((row) => row.map((cell, i): TableCell => ({ text: cell, alignment: i > 0 ? 'right' : 'left' }))),
      ],
    },
    layout: 'grid',
    style: 'table',
  };
}

/** A table short enough to fit a page stays on one page with its heading; a longer one keeps its header row with its first row. */
const UNBREAKABLE_ROWS = 6;

function unitTable(table: UnitTable): Content[] {
  const content: Content[] = [
    { text: table.heading, style: 'h4' },
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        dontBreakRows: true,
        widths: [56, '*', 56, 60, 60, 64, 54],
        body: [
          table.header.map((h, i) => ({ text: h, style: 'th', alignment: i >= 3 && i <= 5 ? 'right' : 'left' })),
          ...table.rows.map((row) => [
            { text: row.code },
            { text: row.name },
            { text: row.periodicity },
            { text: row.target, alignment: 'right' },
            { text: row.result, alignment: 'right' },
            { text: row.compliance, alignment: 'right' },
            statusCell(row.status),
          ]),
        ],
      },
      layout: 'grid',
      style: 'table',
    } as Content,
  ];
  return table.rows.length <= UNBREAKABLE_ROWS ? [{ stack: content, unbreakable: true }] : content;
}

/** Horizontal bars, one per perspective and status, each with its word and count beside it: vector rectangles. */
function countsChart(chart: ReportCharts['countsByPerspective']): Content {
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  const barMax = 230;
  const body: TableCell[][] = [];
  chart.categories.forEach((category, g) => {
    chart.series.forEach((series, i) => {
      const value = series.values[g] ?? 0;
      const width = Math.round((value / max) * barMax * 100) / 100;
      body.push([
        i === 0 ? { text: category, rowSpan: chart.series.length, bold: true } : {},
        { text: series.status.word },
        { canvas: width > 0 ? [{ type: 'rect', x: 0, y: 1, w: width, h: 9, color: series.status.color }] : [], margin: [0, 1, 0, 0] },
        { text: String(value), alignment: 'right' },
      ]);
    });
  });
  return {
    table: { widths: [120, 60, barMax + 4, 30], body },
    layout: 'noBorders',
    style: 'table',
  };
}

function sharesChart(chart: ReportCharts['shareByStatus']): Content {
  const total = chart.slices.reduce((sum, slice) => sum + slice.count, 0);
  let x = 0;
  const rects = chart.slices.flatMap((slice) => {
    const w = total === 0 ? 0 : Math.round((slice.count / total) * PAGE_WIDTH * 100) / 100;
    const rect = w > 0 ? [{ type: 'rect' as const, x, y: 0, w, h: 20, color: slice.status.color }] : [];
    x += w;
    return rect;
  });
  return {
    stack: [
      { canvas: total === 0 ? [{ type: 'rect', x: 0, y: 0, w: PAGE_WIDTH, h: 20, lineColor: '#333333' }] : rects },
      {
        columns: chart.slices.map((slice) => ({
          columns: [
            { canvas: [{ type: 'rect', x: 0, y: 2, w: 9, h: 9, color: slice.status.color }], width: 14 },
            { text: `${slice.status.word}: ${slice.share} (${slice.count})` },
          ],
        })),
        margin: [0, 4, 0, 0],
      },
    ],
    margin: [0, 2, 0, 8],
  };
}

export function renderReportPdfV1(model: ReportModel, stamp: ReportStamp): Promise<Buffer> {
  const labels = LABELS[model.language].report;
  const content: Content[] = [];
  const { cover, methodology, general, critical, criticalWithout } = model;
  content.push(
    { text: cover.title, style: 'h1' },
    {
      table: { widths: [110, '*'], body: cover.lines.map((line) => [{ text: line.label, bold: true }, { text: line.value }]) },
      layout: 'noBorders',
    },
    { text: cover.standing, italics: true, margin: [0, 6, 0, 0] },
    ...(cover.publicVersion === null
      ? []
      : [
          { text: cover.publicVersion.title, bold: true, margin: [0, 6, 0, 0] } as Content,
          { text: cover.publicVersion.notice, margin: [0, 2, 0, 0] } as Content,
        ]),
    { text: methodology.heading, style: 'h2' },
    { text: methodology.paragraphs[0] ?? '' },
    {
      table: { widths: [70, '*'], body: methodology.scale.map((line) => [statusCell(line.status), { text: line.text }]) },
      layout: 'noBorders',
      margin: [0, 4, 0, 4],
    },
    ...methodology.paragraphs.slice(1).map((p) => ({ text: p })),
    { text: general.heading, style: 'h2' },
    { text: general.byKindHeading, style: 'h3' },
    plainTable(general.byKind, ['*', 70, 70, 70, 70]),
    { text: general.byPerspectiveHeading, style: 'h3' },
    plainTable(general.byPerspective, ['*', 50, 45, 50, 45, 50, 45, 50]),
    { text: general.charts.countsByPerspective.title, style: 'h4' },
    countsChart(general.charts.countsByPerspective),
    { text: general.charts.shareByStatus.title, style: 'h4' },
    sharesChart(general.charts.shareByStatus),
  );
  for (const section of model.sections) {
    content.push({ text: section.heading, style: 'h2', pageBreak: 'before' });
    for (const perspective of section.perspectives) {
      content.push(
        // The heading, the units and the counts sentence stay together: a sentence split by a page's footer reads as two.
        {
          stack: [
            { text: perspective.heading, style: 'h3' },
            { text: [{ text: `${model.responsibleUnitsHeading}: `, bold: true }, perspective.responsibleUnits.join('; ')] },
            { text: perspective.sentence, margin: [0, 4, 0, 4] },
          ],
          unbreakable: true,
        },
        ...perspective.tables.flatMap(unitTable),
      );
      if (perspective.interpretations.length > 0) {
        content.push(
          { text: model.interpretationsHeading, style: 'h4' },
          ...perspective.interpretations.map((item): Content => ({
            text: [{ text: `${item.code} (${item.period}): `, bold: true }, writtenText(item.text, model.omitted, model.reservedMark)],
            margin: [0, 0, 0, 3],
          })),
        );
      }
    }
  }
  content.push({ text: critical.heading, style: 'h2', pageBreak: 'before' });
  if (critical.entries.length === 0) content.push({ text: critical.none });
  for (const entry of critical.entries) {
    content.push({ text: `${entry.code} · ${entry.name}`, style: 'h3' }, { text: entry.unit, italics: true });
    for (const justification of entry.justifications) {
      content.push({
        text: [{ text: `${justification.heading}: `, bold: true }, writtenText(justification.text, model.omitted, model.reservedMark)],
        margin: [0, 4, 0, 4],
      });
      if (justification.actions.length === 0) content.push({ text: critical.noActions });
      else
        content.push({
          table: {
            headerRows: 1,
            widths: ['*', 130, 60],
            body: [
              critical.actionHeader.map((h) => ({ text: h, style: 'th' })),
              ...justification.actions.map((action) => [
                writtenText(action.action, model.omitted, model.reservedMark),
                writtenText(action.owner, model.omitted, model.reservedMark),
                { text: action.dueDate },
              ]),
            ],
          },
          layout: 'grid',
          style: 'table',
        });
    }
  }
  content.push({ text: criticalWithout.heading, style: 'h2' });
  content.push(
    criticalWithout.entries.length === 0 ? { text: criticalWithout.none } : { ul: criticalWithout.entries.map((entry) => `${entry.code} · ${entry.name}`) },
  );
  content.push({ text: model.closing.heading, style: 'h2' }, plainTable(model.closing.table, ['*', 90, 90, 90]));
  content.push({
    stack: [model.footer.position, model.footer.digest, labels.footer.layout(stamp.layout, stamp.format, stamp.language, stamp.version), model.footer.verify],
    style: 'small',
    margin: [0, 16, 0, 0],
  });

  const dated = new Date(model.datedAt);
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 62],
    info: {
      title: model.title,
      author: model.planId,
      subject: `${model.planId} ${model.reportingPeriod}`,
      keywords: writeReportStamp(stamp),
      creator: `Semáforo report layout ${stamp.layout}`,
      producer: `Semáforo report layout ${stamp.layout}`,
      creationDate: dated,
      modDate: dated,
      SemaforoReport: writeReportStamp(stamp),
    } as TDocumentDefinitions['info'],
    footer: (page: number, pages: number) => ({
      stack: [
        `${model.footer.position} · ${model.footer.digest}`,
        `${labels.footer.layout(stamp.layout, stamp.format, stamp.language, stamp.version)} · ${page}/${pages}`,
        model.footer.verify,
      ],
      style: 'small',
      margin: [40, 8, 40, 0],
    }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 12] },
      h2: { fontSize: 14, bold: true, margin: [0, 14, 0, 6] },
      h3: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 4] },
      h4: { fontSize: 10, bold: true, margin: [0, 8, 0, 3] },
      th: { bold: true, fillColor: '#eeeeee' },
      table: { margin: [0, 2, 0, 8], fontSize: 8.5 },
      small: { fontSize: 6.5, color: '#333333' },
    },
  };
  return new Promise((resolve, reject) => {
    const doc = pdfPrinter().createPdfKitDocument(definition);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
