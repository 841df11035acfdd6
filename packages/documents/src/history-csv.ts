import type { ResultHistoryEntry, TargetHistoryEntry } from '@semaforo/projection-audit-trail';
import { eventLabel, value, who } from './change-cells.js';
import { writeCsv, type CsvVersion } from './csv.js';
import { LABELS, type DocumentLanguage } from './labels.js';

/**
 * Target history: one row per change, in log order. Values are printed as
 * reported (decimal point whatever the language: programs read these files
 * too); an empty cell means "none".
 */
export function targetHistoryToCsv(entries: readonly TargetHistoryEntry[], language: DocumentLanguage, version: CsvVersion): string {
  const labels = LABELS[language];
  const rows = entries.map((e) => [e.position, e.period, eventLabel(labels, e.event), value(labels, e.before), value(labels, e.after), e.reason, ...who(e)]);
  return writeCsv([labels.targetHeader, ...rows], version);
}

/** Result history: one row per report, correction or "no data", in log order. */
export function resultHistoryToCsv(entries: readonly ResultHistoryEntry[], language: DocumentLanguage, version: CsvVersion): string {
  const labels = LABELS[language];
  const rows = entries.map((e) => [
    e.position,
    e.period,
    eventLabel(labels, e.event),
    value(labels, e.before),
    value(labels, e.after),
    e.numerator,
    e.denominator,
    e.reason,
    ...who(e),
  ]);
  return writeCsv([labels.resultHeader, ...rows], version);
}
