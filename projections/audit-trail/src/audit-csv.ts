import { NO_DATA } from './audit-change.js';
import type { AuditEntry } from './queries/audit-page.js';
import type { ChangeProvenance, ResultHistoryEntry, TargetHistoryEntry } from './queries/history.js';

/** The languages exports are written in; Spanish, the institutions' own, is the default. */
export type CsvLanguage = 'es' | 'en';

interface Labels {
  readonly targetHeader: readonly string[];
  readonly resultHeader: readonly string[];
  readonly auditHeader: readonly string[];
  readonly noData: string;
  readonly events: Readonly<Record<string, string>>;
}

/** Every word the exports print, in one place. */
const LABELS: Readonly<Record<CsvLanguage, Labels>> = {
  es: {
    targetHeader: ['Posición', 'Período', 'Evento', 'Antes', 'Después', 'Motivo', 'Actor', 'Rol', 'Registrado', 'Origen', 'Solicitud', 'Correlación'],
    resultHeader: [
      'Posición',
      'Período',
      'Evento',
      'Antes',
      'Después',
      'Numerador',
      'Denominador',
      'Motivo',
      'Actor',
      'Rol',
      'Registrado',
      'Origen',
      'Solicitud',
      'Correlación',
    ],
    auditHeader: [
      'Posición',
      'Registrado',
      'Actor',
      'Rol',
      'Origen',
      'Evento',
      'Indicador',
      'Unidad',
      'Campo',
      'Período',
      'Antes',
      'Después',
      'Motivo',
      'Solicitud',
      'Correlación',
    ],
    noData: 'Sin datos',
    events: {
      PlanOpened: 'Plan abierto',
      PerspectiveAdded: 'Perspectiva agregada',
      UnitDefined: 'Unidad definida',
      EvaluationScaleChanged: 'Escala de evaluación cambiada',
      IndicatorRegistered: 'Indicador registrado',
      IndicatorAmended: 'Indicador modificado',
      IndicatorRetired: 'Indicador retirado',
      TargetSet: 'Meta establecida',
      TargetRevised: 'Meta reprogramada',
      ResultReported: 'Resultado reportado',
      ResultCorrected: 'Resultado corregido',
      NoDataReported: 'Sin datos reportado',
      JustificationAdded: 'Justificación agregada',
    },
  },
  en: {
    targetHeader: ['Position', 'Period', 'Event', 'Before', 'After', 'Reason', 'Actor', 'Role', 'Recorded at', 'Source', 'Request', 'Correlation'],
    resultHeader: [
      'Position',
      'Period',
      'Event',
      'Before',
      'After',
      'Numerator',
      'Denominator',
      'Reason',
      'Actor',
      'Role',
      'Recorded at',
      'Source',
      'Request',
      'Correlation',
    ],
    auditHeader: [
      'Position',
      'Recorded at',
      'Actor',
      'Role',
      'Source',
      'Event',
      'Indicator',
      'Unit',
      'Field',
      'Period',
      'Before',
      'After',
      'Reason',
      'Request',
      'Correlation',
    ],
    noData: 'No data',
    events: {
      PlanOpened: 'Plan opened',
      PerspectiveAdded: 'Perspective added',
      UnitDefined: 'Unit defined',
      EvaluationScaleChanged: 'Evaluation scale changed',
      IndicatorRegistered: 'Indicator registered',
      IndicatorAmended: 'Indicator amended',
      IndicatorRetired: 'Indicator retired',
      TargetSet: 'Target set',
      TargetRevised: 'Target revised',
      ResultReported: 'Result reported',
      ResultCorrected: 'Result corrected',
      NoDataReported: 'No data reported',
      JustificationAdded: 'Justification added',
    },
  },
};

/**
 * Target history: one row per change, in log order. Values are printed as
 * reported (decimal point whatever the language: programs read these files
 * too); an empty cell means "none".
 */
export function targetHistoryToCsv(entries: readonly TargetHistoryEntry[], language: CsvLanguage = 'es'): string {
  const labels = LABELS[language];
  const rows = entries.map((e) =>
    record([e.position, e.period, eventLabel(labels, e.event), value(labels, e.before), value(labels, e.after), e.reason, ...who(e)]),
  );
  return record(labels.targetHeader) + rows.join('');
}

/** Result history: one row per report, correction or "no data", in log order. */
export function resultHistoryToCsv(entries: readonly ResultHistoryEntry[], language: CsvLanguage = 'es'): string {
  const labels = LABELS[language];
  const rows = entries.map((e) =>
    record([
      e.position,
      e.period,
      eventLabel(labels, e.event),
      value(labels, e.before),
      value(labels, e.after),
      e.numerator,
      e.denominator,
      e.reason,
      ...who(e),
    ]),
  );
  return record(labels.resultHeader) + rows.join('');
}

/**
 * Audit trail: one row per CHANGE (an amendment of three fields is three
 * rows with the same position), so a spreadsheet can filter on a field.
 */
export function auditEntriesToCsv(entries: readonly AuditEntry[], language: CsvLanguage = 'es'): string {
  const labels = LABELS[language];
  const rows = entries.flatMap((e) => {
    const common = [e.position, e.recordedAt, e.actor.id, e.actor.role, e.source, eventLabel(labels, e.event), e.indicator, e.unit];
    const tail = [e.reason, e.requestId, e.correlationId];
    const changes = e.changes.length > 0 ? e.changes : [undefined];
    return changes.map((c) =>
      record([...common, c?.field ?? null, c?.period ?? e.period, value(labels, c?.before ?? null), value(labels, c?.after ?? null), ...tail]),
    );
  });
  return record(labels.auditHeader) + rows.join('');
}

const who = (e: ChangeProvenance): (string | null)[] => [e.actor.id, e.actor.role, e.recordedAt, e.source, e.requestId, e.correlationId];

const eventLabel = (labels: Labels, type: string): string => labels.events[type] ?? type;

const value = (labels: Labels, text: string | null): string | null => (text === NO_DATA ? labels.noData : text);

/** RFC 4180, as the evaluation exports: quoted when needed, quotes doubled, CRLF; null is an empty cell. */
function record(fields: readonly (string | null)[]): string {
  return `${fields.map((f) => (f === null ? '' : /[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')}\r\n`;
}
