import type { Counts, Evaluation, Percentage } from '@semaforo/domain';
import { writeCsv, type CsvVersion } from './csv.js';
import { LABELS, type DocumentLanguage } from './labels.js';

/**
 * The summary: the plan, each perspective, each unit (rolled up) and each
 * kind, one row each under one header; then, after an empty line, the
 * closing table (*Tipo de indicador | Medidos | Alcanzó meta | % Criterio
 * bueno*). Two tables in one file, as the printed report has them: a reader
 * that wants one table splits at the empty line.
 */
export function summaryToCsv(evaluation: Evaluation, language: DocumentLanguage, version: CsvVersion): string {
  const labels = LABELS[language];
  const { summary } = evaluation;
  const line = (group: string, code: string, name: string, counts: Counts) => [
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
  ];
  const counts = [
    line(labels.group.plan, evaluation.planId, evaluation.planName, summary.plan),
    ...summary.byPerspective.map((p) => line(labels.group.perspective, p.code, p.name, p)),
    ...summary.byUnit.map((u) => line(labels.group.unit, u.code, u.name, u)),
    ...summary.byKind.map((k) => line(labels.group.kind, k.kind, labels.kind[k.kind], k)),
  ];
  const closing = evaluation.closingTable.map((row) => [labels.kind[row.kind], String(row.measured), String(row.reachedTarget), share(row.goodShare)]);
  return writeCsv([labels.summaryHeader, ...counts, [], labels.closingHeader, ...closing], version);
}

function share(percentage: Percentage | null): string {
  return percentage?.display ?? '';
}
