import type { EvaluationStatus, IndicatorKind } from '@semaforo/domain';
import type { DocumentKind } from './document-subject.js';

/** The languages documents are written in; Spanish, the institutions' own, is the default. */
export type DocumentLanguage = 'es' | 'en';

export interface DocumentLabels {
  readonly status: Readonly<Record<EvaluationStatus, string>>;
  readonly kind: Readonly<Record<IndicatorKind | 'total', string>>;
  readonly indicatorHeader: readonly string[];
  readonly summaryHeader: readonly string[];
  readonly group: { readonly plan: string; readonly perspective: string; readonly unit: string; readonly kind: string };
  readonly closingHeader: readonly string[];
  readonly targetHeader: readonly string[];
  readonly resultHeader: readonly string[];
  readonly auditHeader: readonly string[];
  /** How an explicit "no data" result reads. */
  readonly noData: string;
  /** Event types as a reader names them; a type missing here is printed as it is. */
  readonly events: Readonly<Record<string, string>>;
  /** The first word of a document's file name. */
  readonly fileName: Readonly<Record<DocumentKind, string>>;
}

/** Every word a document prints, in one place, so a wording change is one edit. */
export const LABELS: Readonly<Record<DocumentLanguage, DocumentLabels>> = {
  es: {
    status: {
      good: 'Bueno',
      regular: 'Regular',
      critical: 'Crítico',
      'not-reported': 'Sin reporte',
      'not-due': 'No corresponde',
    },
    kind: { result: 'Resultado', production: 'Producción', total: 'Total' },
    indicatorHeader: ['Código', 'Indicador', 'Tipo', 'Perspectiva', 'Unidad', 'Meta', 'Resultado', '% Cumplimiento', 'Semáforo'],
    summaryHeader: [
      'Agrupación',
      'Código',
      'Nombre',
      'Planificados',
      'Exigibles',
      'Evaluados',
      'Bueno',
      'Regular',
      'Crítico',
      'Sin reporte',
      '% Bueno',
      '% Regular',
      '% Crítico',
    ],
    group: { plan: 'Plan', perspective: 'Perspectiva', unit: 'Unidad', kind: 'Tipo de indicador' },
    closingHeader: ['Tipo de indicador', 'Medidos', 'Alcanzó meta', '% Criterio bueno'],
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
      DataEntryWindowSet: 'Plazo de registro establecido',
      UnitPeriodSubmitted: 'Período enviado a aprobación',
      UnitPeriodApproved: 'Período aprobado',
      UnitPeriodReturned: 'Período devuelto',
      UnitPeriodUnapproved: 'Aprobación retirada',
      UnitPeriodReopened: 'Período reabierto',
    },
    fileName: {
      evaluation: 'evaluacion',
      summary: 'resumen',
      'target-history': 'historial-metas',
      'result-history': 'historial-resultados',
      audit: 'auditoria',
      template: 'plantilla',
      export: 'exportacion',
    },
  },
  en: {
    status: {
      good: 'Good',
      regular: 'Regular',
      critical: 'Critical',
      'not-reported': 'Not reported',
      'not-due': 'Not due',
    },
    kind: { result: 'Result', production: 'Production', total: 'Total' },
    indicatorHeader: ['Code', 'Indicator', 'Kind', 'Perspective', 'Unit', 'Target', 'Result', '% Compliance', 'Status'],
    summaryHeader: ['Group', 'Code', 'Name', 'Planned', 'Due', 'Evaluated', 'Good', 'Regular', 'Critical', 'Not reported', '% Good', '% Regular', '% Critical'],
    group: { plan: 'Plan', perspective: 'Perspective', unit: 'Unit', kind: 'Indicator kind' },
    closingHeader: ['Indicator kind', 'Measured', 'Reached target', '% Good'],
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
      DataEntryWindowSet: 'Data-entry window set',
      UnitPeriodSubmitted: 'Period submitted for approval',
      UnitPeriodApproved: 'Period approved',
      UnitPeriodReturned: 'Period returned',
      UnitPeriodUnapproved: 'Period unapproved',
      UnitPeriodReopened: 'Period reopened',
    },
    fileName: {
      evaluation: 'evaluation',
      summary: 'summary',
      'target-history': 'target-history',
      'result-history': 'result-history',
      audit: 'audit',
      template: 'template',
      export: 'export',
    },
  },
};
