import type { IndicatorKind } from '../indicator/indicator-definition.js';
import type { EvaluationStatus } from './evaluation.js';

/** The languages exports are written in; Spanish is the institutions' own. */
export type ReportLanguage = 'es' | 'en';

export interface ReportLabels {
  readonly status: Readonly<Record<EvaluationStatus, string>>;
  readonly kind: Readonly<Record<IndicatorKind | 'total', string>>;
  readonly indicatorHeader: readonly string[];
  readonly summaryHeader: readonly string[];
  readonly group: { readonly plan: string; readonly perspective: string; readonly unit: string; readonly kind: string };
  readonly closingHeader: readonly string[];
}

/** Every word an export prints, in one place, so a wording change is one edit. */
export const LABELS: Readonly<Record<ReportLanguage, ReportLabels>> = {
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
    summaryHeader: [
      'Group',
      'Code',
      'Name',
      'Planned',
      'Due',
      'Evaluated',
      'Good',
      'Regular',
      'Critical',
      'Not reported',
      '% Good',
      '% Regular',
      '% Critical',
    ],
    group: { plan: 'Plan', perspective: 'Perspective', unit: 'Unit', kind: 'Indicator kind' },
    closingHeader: ['Indicator kind', 'Measured', 'Reached target', '% Good'],
  },
};
