import { formatRationalHalfUp, rational, type Evaluation } from '@semaforo/domain';
import { writeCsv, type CsvVersion } from './csv.js';
import { LABELS, type DocumentLanguage } from './labels.js';

/**
 * One row per indicator, in the evaluation's order, under the report's
 * headers (*Código, Indicador, Tipo, Perspectiva, Unidad, Meta, Resultado,
 * % Cumplimiento, Semáforo*). Perspective and unit are printed by name.
 * Numbers keep the decimal point whatever the language: the file is read by
 * programs as much as by people, and the exact value is never re-spelled; the
 * one exception is an average with no finite decimal ("4/3"), printed
 * half-up with the indicator's decimals. An empty cell means "none".
 */
export function evaluationToCsv(evaluation: Evaluation, language: DocumentLanguage, version: CsvVersion): string {
  const labels = LABELS[language];
  const perspectives = new Map(evaluation.summary.byPerspective.map(({ code, name }) => [code, name]));
  const units = new Map(evaluation.summary.byUnit.map(({ code, name }) => [code, name]));
  const rows = evaluation.indicators.map((row) => [
    row.code,
    row.name,
    labels.kind[row.kind],
    perspectives.get(row.perspective) ?? row.perspective,
    units.get(row.unit) ?? row.unit,
    quantity(row.target, row.decimals),
    quantity(row.result, row.decimals),
    row.compliance?.display ?? '',
    labels.status[row.status],
  ]);
  return writeCsv([labels.indicatorHeader, ...rows], version);
}

const FRACTION = /^(-?\d+)\/(\d+)$/;

export function quantity(exact: string | null, decimals: number): string {
  if (exact === null) return '';
  const fraction = FRACTION.exec(exact);
  if (fraction === null) return exact;
  return formatRationalHalfUp(rational(BigInt(fraction[1] as string), BigInt(fraction[2] as string)), decimals);
}
