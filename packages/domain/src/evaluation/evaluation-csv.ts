import { formatRationalHalfUp, rational } from '../decimal/index.js';
import { csvRecord } from './csv.js';
import type { Counts, Evaluation, Percentage } from './evaluation.js';
import { LABELS, type ReportLanguage } from './labels.js';

/**
 * One row per indicator, in the evaluation's order, under the report's
 * headers (*Código, Indicador, Tipo, Perspectiva, Unidad, Meta, Resultado,
 * % Cumplimiento, Semáforo*). Perspective and unit are printed by name.
 * Numbers keep the decimal point whatever the language: the file is read by
 * programs as much as by people, and the exact value is never re-spelled; the
 * one exception is an average with no finite decimal ("4/3"), printed
 * half-up with the indicator's decimals. An empty cell means "none".
 */
export function evaluationToCsv(evaluation: Evaluation, language: ReportLanguage = 'es'): string {
  const labels = LABELS[language];
  const perspectives = new Map(evaluation.summary.byPerspective.map(({ code, name }) => [code, name]));
  const units = new Map(evaluation.summary.byUnit.map(({ code, name }) => [code, name]));
  const rows = evaluation.indicators.map((row) =>
    csvRecord([
      row.code,
      row.name,
      labels.kind[row.kind],
      perspectives.get(row.perspective) ?? row.perspective,
      units.get(row.unit) ?? row.unit,
      quantity(row.target, row.decimals),
      quantity(row.result, row.decimals),
      row.compliance?.display ?? '',
      labels.status[row.status],
    ]),
  );
  return csvRecord(labels.indicatorHeader) + rows.join('');
}

/**
 * The summary: the plan, each perspective, each unit (rolled up) and each
 * kind, one row each under one header; then, after an empty line, the
 * closing table (*Tipo de indicador | Medidos | Alcanzó meta | % Criterio
 * bueno*). Two tables in one file, as the printed report has them: a reader
 * that wants one table splits at the empty line.
 */
export function summaryToCsv(evaluation: Evaluation, language: ReportLanguage = 'es'): string {
  const labels = LABELS[language];
  const { summary } = evaluation;
  const line = (group: string, code: string, name: string, counts: Counts) =>
    csvRecord([
      group,
      code,
      name,
      String(counts.planned),
      String(counts.due),
      String(counts.evaluated),
      String(counts.good),
      String(counts.regular),
      String(counts.critical),
      String(counts.notReported),
      share(counts.goodShare),
      share(counts.regularShare),
      share(counts.criticalShare),
    ]);
  const counts = [
    line(labels.group.plan, evaluation.planId, evaluation.planName, summary.plan),
    ...summary.byPerspective.map((p) => line(labels.group.perspective, p.code, p.name, p)),
    ...summary.byUnit.map((u) => line(labels.group.unit, u.code, u.name, u)),
    ...summary.byKind.map((k) => line(labels.group.kind, k.kind, labels.kind[k.kind], k)),
  ];
  const closing = evaluation.closingTable.map((row) =>
    csvRecord([labels.kind[row.kind], String(row.measured), String(row.reachedTarget), share(row.goodShare)]),
  );
  return [csvRecord(labels.summaryHeader), ...counts, '\r\n', csvRecord(labels.closingHeader), ...closing].join('');
}

const FRACTION = /^(-?\d+)\/(\d+)$/;

function quantity(exact: string | null, decimals: number): string {
  if (exact === null) return '';
  const fraction = FRACTION.exec(exact);
  if (fraction === null) return exact;
  return formatRationalHalfUp(rational(BigInt(fraction[1] as string), BigInt(fraction[2] as string)), decimals);
}

function share(percentage: Percentage | null): string {
  return percentage?.display ?? '';
}
