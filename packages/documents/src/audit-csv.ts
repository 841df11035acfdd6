import type { AuditEntry } from '@semaforo/projection-audit-trail';
import { eventLabel, value } from './change-cells.js';
import { writeCsv, type CsvVersion } from './csv.js';
import { LABELS, type DocumentLanguage } from './labels.js';

/**
 * Audit trail: one row per CHANGE (an amendment of three fields is three
 * rows with the same position), so a spreadsheet can filter on a field.
 */
export function auditEntriesToCsv(entries: readonly AuditEntry[], language: DocumentLanguage, version: CsvVersion): string {
  const labels = LABELS[language];
  const rows = entries.flatMap((e) => {
    const common = [e.position, e.recordedAt, e.actor.id, e.actor.role, e.source, eventLabel(labels, e.event), e.indicator, e.unit];
    const tail = [e.reason, e.requestId, e.correlationId];
    const changes = e.changes.length > 0 ? e.changes : [undefined];
    return changes.map((c) => [...common, c?.field ?? null, c?.period ?? e.period, value(labels, c?.before ?? null), value(labels, c?.after ?? null), ...tail]);
  });
  return writeCsv([labels.auditHeader, ...rows], version);
}
