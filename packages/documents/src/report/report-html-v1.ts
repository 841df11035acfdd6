import { LABELS } from '../labels.js';
import { countsChartSvg, escapeXml as esc, sharesChartSvg } from './report-charts-svg.js';
import type { ReportModel, ReportTable, ReportText, StatusCell, UnitTable } from './report-model.js';
import { writeReportStamp, type ReportStamp } from './report-stamp.js';

/*
 * HTML layout v1: one self-contained file (styles and charts inline, no font, script or image
 * fetched), laid out for A4 when printed. Frozen: a change of these bytes is a layout v2 beside this
 * file, so a document handed out under v1 can always be had again exactly.
 */

const CSS = `
*{box-sizing:border-box}
body{font-family:Roboto,"Helvetica Neue",Arial,sans-serif;font-size:10.5pt;line-height:1.4;color:#111;margin:0 auto;max-width:190mm;padding:12mm 0}
h1{font-size:20pt;margin:0 0 6mm}
h2{font-size:14pt;margin:8mm 0 3mm;border-bottom:1px solid #999;padding-bottom:1mm;break-after:avoid}
h3{font-size:12pt;margin:6mm 0 2mm;break-after:avoid}
h4{font-size:10.5pt;margin:4mm 0 1.5mm;break-after:avoid;overflow-wrap:anywhere}
p{margin:1.5mm 0}
table{width:100%;border-collapse:collapse;table-layout:fixed;margin:2mm 0 4mm}
th,td{border:1px solid #999;padding:1.2mm 1.5mm;vertical-align:top;text-align:left;overflow-wrap:anywhere;word-break:break-word;hyphens:auto}
th{background:#eee;font-weight:600}
td.num,th.num{text-align:right}
thead{display:table-header-group}
tr{break-inside:avoid}
.cover{border-bottom:2px solid #333;margin-bottom:6mm;padding-bottom:4mm}
.cover dl{display:grid;grid-template-columns:40mm 1fr;gap:1mm 4mm;margin:0}
.cover dt{font-weight:600}
.cover dd{margin:0;overflow-wrap:anywhere}
.standing{margin-top:3mm;font-style:italic}
.status{display:inline-block;padding:0.3mm 1.5mm;border-radius:1mm;color:#fff;font-weight:600;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.scale li{margin:1mm 0}
.units{margin:1mm 0 2mm}
figure{margin:3mm 0;break-inside:avoid}
figcaption{font-weight:600;margin-bottom:1mm}
svg{max-width:100%;height:auto}
.justification{margin:2mm 0 3mm;padding-left:3mm;border-left:2px solid #c0392b}
.omitted{font-style:italic;color:#555}
footer{margin-top:10mm;border-top:1px solid #999;padding-top:2mm;font-size:8.5pt;color:#333;overflow-wrap:anywhere}
@page{size:A4;margin:15mm 12mm}
@media print{body{max-width:none;padding:0}}
`;

const status = (cell: StatusCell): string =>
  `<span class="status status-${cell.status}" style="background:${cell.color}"><span aria-hidden="true">● </span>${esc(cell.word)}</span>`;

// The public version's model holds the marker, never the text (`omitted`); the internal version prints a reserved text with its mark.
const written = (text: ReportText, omitted: string, mark: string): string =>
  text.omitted === true
    ? `<span class="omitted">${esc(omitted)}</span>`
    : text.reserved
      ? `<span class="reserved">${esc(mark)}</span> ${esc(text.text)}`
      : esc(text.text);

function plainTable(table: ReportTable<readonly string[]>, numeric: (column: number) => boolean): string {
  const head = table.header.map((h, i) => `<th${numeric(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = table.rows.map((row) => `<tr>${row.map((cell, i) => `<td${numeric(i) ? ' class="num"' : ''}>${esc(cell)}</td>`).join('')}</tr>`).join('');
  // The first column names the row (a kind, a perspective): it gets the room, the figures share the rest.
  const rest = table.header.length > 1 ? (72 / (table.header.length - 1)).toFixed(2) : '72';
  const columns = `<colgroup><col style="width:28%">${'<col style="width:' + rest + '%">'.repeat(Math.max(0, table.header.length - 1))}</colgroup>`;
  return `<table>${columns}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const UNIT_COLUMNS =
  '<colgroup><col style="width:12%"><col style="width:30%"><col style="width:11%"><col style="width:12%"><col style="width:12%"><col style="width:10%"><col style="width:13%"></colgroup>';

function unitTable(table: UnitTable): string {
  const numeric = (i: number) => i >= 3 && i <= 5;
  const head = table.header.map((h, i) => `<th${numeric(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr data-code="${esc(row.code)}"><td>${esc(row.code)}</td><td>${esc(row.name)}</td><td>${esc(row.periodicity)}</td><td class="num">${esc(row.target)}</td><td class="num">${esc(row.result)}</td><td class="num">${esc(row.compliance)}</td><td>${status(row.status)}</td></tr>`,
    )
    .join('');
  return `<h4>${esc(table.heading)}</h4><table class="unit">${UNIT_COLUMNS}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function renderReportHtmlV1(model: ReportModel, stamp: ReportStamp): string {
  const labels = LABELS[model.language].report;
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    `<html lang="${model.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="semaforo-report" content="${esc(writeReportStamp(stamp))}">`,
    `<meta name="generator" content="Semáforo, report layout ${esc(stamp.layout)}">`,
    `<meta name="date" content="${esc(model.datedAt)}">`,
    `<title>${esc(model.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
  );
  const { cover } = model;
  out.push(
    `<header class="cover"><h1>${esc(cover.title)}</h1><dl>`,
    ...cover.lines.map((line) => `<dt>${esc(line.label)}</dt><dd>${esc(line.value)}</dd>`),
    // One line, as before the public version existed: the internal version's bytes stay the golden file's.
    `</dl><p class="standing">${esc(cover.standing)}</p>${
      cover.publicVersion === null
        ? ''
        : `<p class="public-version"><strong>${esc(cover.publicVersion.title)}</strong></p><p class="public-notice">${esc(cover.publicVersion.notice)}</p>`
    }</header>`,
  );
  const { methodology } = model;
  out.push(
    `<section class="methodology"><h2>${esc(methodology.heading)}</h2><p>${esc(methodology.paragraphs[0] ?? '')}</p><ul class="scale">`,
    ...methodology.scale.map((line) => `<li>${status(line.status)} ${esc(line.text)}</li>`),
    `</ul>`,
    ...methodology.paragraphs.slice(1).map((p) => `<p>${esc(p)}</p>`),
    '</section>',
  );
  const { general } = model;
  out.push(
    `<section class="general"><h2>${esc(general.heading)}</h2>`,
    `<h3>${esc(general.byKindHeading)}</h3>`,
    plainTable(general.byKind, (i) => i > 0),
    `<h3>${esc(general.byPerspectiveHeading)}</h3>`,
    plainTable(general.byPerspective, (i) => i > 0),
    `<figure><figcaption>${esc(general.charts.countsByPerspective.title)}</figcaption>${countsChartSvg(general.charts.countsByPerspective)}</figure>`,
    `<figure><figcaption>${esc(general.charts.shareByStatus.title)}</figcaption>${sharesChartSvg(general.charts.shareByStatus)}</figure>`,
    '</section>',
  );
  for (const section of model.sections) {
    out.push(`<section class="kind kind-${section.kind}"><h2>${esc(section.heading)}</h2>`);
    for (const perspective of section.perspectives) {
      out.push(
        `<section class="perspective" data-perspective="${esc(perspective.code)}"><h3>${esc(perspective.heading)}</h3>`,
        `<p class="units"><strong>${esc(model.responsibleUnitsHeading)}:</strong> ${esc(perspective.responsibleUnits.join('; '))}</p>`,
        `<p class="sentence">${esc(perspective.sentence)}</p>`,
        ...perspective.tables.map(unitTable),
      );
      if (perspective.interpretations.length > 0) {
        out.push(
          `<h4>${esc(model.interpretationsHeading)}</h4>`,
          ...perspective.interpretations.map(
            (item) =>
              `<p class="interpretation"><strong>${esc(item.code)} (${esc(item.period)}):</strong> ${written(item.text, model.omitted, model.reservedMark)}</p>`,
          ),
        );
      }
      out.push('</section>');
    }
    out.push('</section>');
  }
  const { critical } = model;
  out.push(`<section class="critical"><h2>${esc(critical.heading)}</h2>`);
  if (critical.entries.length === 0) out.push(`<p>${esc(critical.none)}</p>`);
  for (const entry of critical.entries) {
    out.push(`<h3>${esc(entry.code)} · ${esc(entry.name)}</h3><p class="units">${esc(entry.unit)}</p>`);
    for (const justification of entry.justifications) {
      out.push(
        `<div class="justification"><p><strong>${esc(justification.heading)}:</strong> ${written(justification.text, model.omitted, model.reservedMark)}</p>`,
      );
      if (justification.actions.length === 0) out.push(`<p>${esc(critical.noActions)}</p>`);
      else {
        out.push(
          `<table><colgroup><col style="width:60%"><col style="width:25%"><col style="width:15%"></colgroup><thead><tr>${critical.actionHeader.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`,
          ...justification.actions.map(
            (action) =>
              `<tr><td>${written(action.action, model.omitted, model.reservedMark)}</td><td>${written(action.owner, model.omitted, model.reservedMark)}</td><td>${esc(action.dueDate)}</td></tr>`,
          ),
          '</tbody></table>',
        );
      }
      out.push('</div>');
    }
  }
  out.push('</section>');
  const { criticalWithout } = model;
  out.push(`<section class="critical-without"><h2>${esc(criticalWithout.heading)}</h2>`);
  if (criticalWithout.entries.length === 0) out.push(`<p>${esc(criticalWithout.none)}</p>`);
  else out.push('<ul>', ...criticalWithout.entries.map((entry) => `<li>${esc(entry.code)} · ${esc(entry.name)}</li>`), '</ul>');
  out.push('</section>');
  out.push(
    `<section class="closing"><h2>${esc(model.closing.heading)}</h2>`,
    plainTable(model.closing.table, (i) => i > 0),
    '</section>',
  );
  out.push(
    '<footer>',
    `<p>${esc(model.footer.position)}</p>`,
    `<p>${esc(model.footer.digest)}</p>`,
    `<p>${esc(labels.footer.layout(stamp.layout, stamp.format, stamp.language, stamp.version))}</p>`,
    `<p>${esc(model.footer.verify)}</p>`,
    '</footer>',
    '</body>',
    '</html>',
    '',
  );
  return out.join('\n');
}
