import type { Counts, IndicatorDifference, IndicatorFigures } from '@semaforo/domain';
import { eventLabel } from './change-cells.js';
import { writeCsv, type CsvCell, type CsvVersion } from './csv.js';
import { quantity } from './evaluation-csv.js';
import { LABELS, type DocumentLanguage } from './labels.js';

/** An event between the two positions that changed an indicator: who, when, why, from where. */
export interface DifferenceCause {
  readonly position: string;
  readonly event: string;
  readonly period: string | null;
  /** The indicator's unit right after the event. */
  readonly unit: string | null;
  readonly actor: { readonly id: string; readonly role: string | null };
  readonly recordedAt: string;
  readonly reason: string | null;
  readonly source: string;
}

export interface DifferenceDocument {
  readonly indicators: readonly (IndicatorDifference & { readonly causes: readonly DifferenceCause[] })[];
  readonly summary: { readonly before: Counts; readonly after: Counts };
}

const COUNTS = ['planned', 'due', 'evaluated', 'good', 'regular', 'critical', 'notReported'] as const;

/**
 * The difference between two evaluations: one row per event that changed an
 * indicator (an indicator changed by no event of its own, as by a change of
 * the scale, is one row with the event cells empty), its figures before and
 * after repeated on each row so a spreadsheet can filter on any column; in
 * the difference's order (perspective, unit, code), events in log order.
 * Then, after an empty line, the plan's counts before and after. An empty
 * difference is the two headers and the counts, never an empty file.
 */
export function differenceToCsv(difference: DifferenceDocument, language: DocumentLanguage, version: CsvVersion): string {
  const labels = LABELS[language];
  const figures = (f: IndicatorFigures | null, decimals: number): CsvCell[] => [
    f === null ? null : quantity(f.target, decimals),
    f === null ? null : quantity(f.result, decimals),
    f?.compliance?.display ?? null,
    f === null ? null : labels.status[f.status],
  ];
  const rows = difference.indicators.flatMap((d) => {
    const before = figures(d.before, d.decimals);
    const after = figures(d.after, d.decimals);
    const common: CsvCell[] = [
      d.code,
      d.name,
      d.perspectiveName,
      d.unitName,
      d.changed.map((field) => labels.differenceField[field]).join(', '),
      before[0]!,
      after[0]!,
      before[1]!,
      after[1]!,
      before[2]!,
      after[2]!,
      before[3]!,
      after[3]!,
    ];
    if (d.causes.length === 0) return [[...common, null, null, null, null, null, null, null, null]];
    return d.causes.map((c) => [...common, c.position, eventLabel(labels, c.event), c.period, c.actor.id, c.actor.role, c.recordedAt, c.source, c.reason]);
  });
  const counts = COUNTS.map((key) => [labels.counts[key], String(difference.summary.before[key]), String(difference.summary.after[key])]);
  return writeCsv([labels.differenceHeader, ...rows, [], labels.differenceCountsHeader, ...counts], version);
}
