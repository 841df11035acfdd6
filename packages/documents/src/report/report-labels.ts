import type { IndicatorKind } from '@semaforo/domain';

/** One status's part of a counts sentence: its count and its share, already written as a percentage. */
export interface SentencePart {
  readonly status: 'good' | 'regular' | 'critical';
  readonly count: number;
  readonly share: string;
}

/** What a counts sentence says, the numbers already formatted where they are not plain counts. */
export interface CountsSentenceInput {
  readonly perspective: string;
  readonly planned: number;
  readonly evaluated: number;
  readonly notReported: number;
  /** Only the statuses with at least one indicator, good first. */
  readonly parts: readonly SentencePart[];
}

/**
 * Everything the evaluation report prints that is not data. Sentences are functions because
 * the two languages agree differently with their numbers (singular and plural, "del cual" /
 * "de los cuales"): one function per language keeps each grammar whole and in one place.
 */
export interface ReportLabels {
  readonly title: string;
  readonly institution: string;
  readonly plan: string;
  readonly fiscalYear: string;
  readonly period: string;
  readonly asOf: (instant: string) => string;
  readonly edition: (edition: number) => string;
  readonly methodology: {
    readonly heading: string;
    readonly intro: string;
    readonly critical: (below: string) => string;
    readonly regular: (from: string, to: string) => string;
    readonly good: (above: string) => string;
    readonly compliance: string;
  };
  readonly general: {
    readonly heading: string;
    readonly byKind: string;
    readonly byPerspective: string;
    readonly countsChart: string;
    readonly sharesChart: string;
    readonly kindHeader: readonly [string, string, string, string, string];
    readonly perspectiveHeader: readonly [string, string, string, string, string, string, string, string];
  };
  readonly kindSection: Readonly<Record<IndicatorKind, string>>;
  readonly perspective: (name: string) => string;
  readonly responsibleUnits: string;
  readonly unitTable: (unit: string) => string;
  readonly window: (from: string, to: string) => string;
  readonly tableHeader: {
    readonly code: string;
    readonly indicator: string;
    readonly periodicity: string;
    readonly target: (window: string) => string;
    readonly result: (window: string) => string;
    readonly compliance: string;
    readonly status: string;
  };
  readonly countsSentence: (input: CountsSentenceInput) => string;
  readonly interpretations: string;
  readonly critical: {
    readonly heading: string;
    readonly justification: (period: string) => string;
    readonly actionHeader: readonly [string, string, string];
    readonly noActions: string;
    readonly none: string;
  };
  readonly criticalWithout: { readonly heading: string; readonly none: string };
  readonly closing: string;
  readonly footer: {
    readonly position: (position: string) => string;
    readonly digest: (digest: string) => string;
    readonly layout: (layout: string, format: string, language: string, version: string) => string;
    readonly verify: string;
  };
  /** What stands where the public version leaves out a reserved text. */
  readonly omitted: string;
  /** Before a reserved text in the internal version. */
  readonly reservedMark: string;
  /** The public version's name and its legal notice (LAIP arts. 24 and 30, LOTAIP art. 7), on its cover. */
  readonly publicVersion: string;
  readonly publicNotice: string;
  /** An empty cell: nothing was compared, or judged by rule with no percentage. */
  readonly none: string;
  /** What only the XLSX prints: sheet names (at most 31 characters) and the columns the printed tables leave out. */
  readonly workbook: {
    readonly summarySheet: string;
    readonly criticalSheet: string;
    readonly closingSheet: string;
    readonly kind: string;
    readonly perspective: string;
    readonly unit: string;
    readonly measure: string;
    readonly polarity: string;
    readonly accumulation: string;
    readonly period: string;
    readonly justification: string;
    readonly document: string;
    readonly layout: string;
  };
}

const plural = (n: number, one: string, other: string): string => `${n} ${n === 1 ? one : other}`;

/** "a, b y c" / "a, b and c". */
const list = (items: readonly string[], and: string): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]!}`;

const STATUS_ES = { good: 'buenos', regular: 'regulares', critical: 'críticos' } as const;
const STATUS_EN = { good: 'good', regular: 'regular', critical: 'critical' } as const;

function countsSentenceEs({ perspective, planned, evaluated, notReported, parts }: CountsSentenceInput): string {
  const subject = `La perspectiva ${perspective}`;
  if (planned === 0) return `${subject} no planificó indicadores.`;
  const head = `${subject} planificó ${plural(planned, 'indicador', 'indicadores')}`;
  const unreported = notReported === 0 ? '' : ` ${plural(notReported, 'indicador exigible no reportó', 'indicadores exigibles no reportaron')} resultado.`;
  if (evaluated === 0) return `${head}, ${planned === 1 ? 'que no se evaluó' : 'de los cuales no se evaluó ninguno'}.${unreported}`;
  const evaluatedText = planned === 1 ? 'que se evaluó' : `de los cuales ${evaluated === 1 ? 'se evaluó 1' : `se evaluaron ${evaluated}`}`;
  const shares = parts.map((part, i) =>
    i === 0 ? `el ${part.share} (${part.count}) obtuvo resultados ${STATUS_ES[part.status]}` : `el ${part.share} (${part.count}) ${STATUS_ES[part.status]}`,
  );
  return `${head}, ${evaluatedText}; ${list(shares, 'y')}.${unreported}`;
}

function countsSentenceEn({ perspective, planned, evaluated, notReported, parts }: CountsSentenceInput): string {
  const subject = `The ${perspective} perspective`;
  if (planned === 0) return `${subject} planned no indicators.`;
  const head = `${subject} planned ${plural(planned, 'indicator', 'indicators')}`;
  const unreported = notReported === 0 ? '' : ` ${plural(notReported, 'due indicator', 'due indicators')} reported no result.`;
  if (evaluated === 0) return `${head}, ${planned === 1 ? 'which was not evaluated' : 'none of which was evaluated'}.${unreported}`;
  const evaluatedText = planned === 1 ? 'which was evaluated' : `of which ${evaluated === 1 ? '1 was' : `${evaluated} were`} evaluated`;
  const shares = parts.map((part, i) =>
    i === 0 ? `${part.share} (${part.count}) obtained ${STATUS_EN[part.status]} results` : `${part.share} (${part.count}) ${STATUS_EN[part.status]} ones`,
  );
  return `${head}, ${evaluatedText}; ${list(shares, 'and')}.${unreported}`;
}

export const REPORT_LABELS_ES: ReportLabels = {
  title: 'Informe de evaluación del Plan Anual de Trabajo',
  institution: 'Institución',
  plan: 'Plan',
  fiscalYear: 'Ejercicio fiscal',
  period: 'Período evaluado',
  asOf: (instant) => `Según lo registrado al ${instant}`,
  edition: (edition) => `Edición ${edition}`,
  methodology: {
    heading: 'Metodología',
    intro:
      'Cada indicador se evalúa con su meta y su resultado acumulados desde el inicio del ejercicio hasta el final del período. El porcentaje de cumplimiento se clasifica según la escala del plan:',
    critical: (below) => `Crítico: cumplimiento menor que ${below}.`,
    regular: (from, to) => `Regular: cumplimiento desde ${from} hasta ${to}, inclusive.`,
    good: (above) => `Bueno: cumplimiento mayor que ${above}.`,
    compliance:
      'Cuando menor es mejor, el cumplimiento es la meta entre el resultado. Los porcentajes se calculan de forma exacta y solo se redondean al imprimirlos.',
  },
  general: {
    heading: 'Resultados generales',
    byKind: 'Indicadores por tipo',
    byPerspective: 'Resultados por perspectiva',
    countsChart: 'Indicadores por perspectiva y semáforo',
    sharesChart: 'Distribución de los indicadores evaluados por semáforo',
    kindHeader: ['Tipo de indicador', 'Planificados', 'Exigibles', 'Evaluados', 'Sin reporte'],
    perspectiveHeader: ['Perspectiva', 'Evaluados', 'Bueno', '% Bueno', 'Regular', '% Regular', 'Crítico', '% Crítico'],
  },
  kindSection: { result: 'Indicadores de resultado', production: 'Indicadores de producción' },
  perspective: (name) => `Perspectiva ${name}`,
  responsibleUnits: 'Unidades responsables',
  unitTable: (unit) => `Unidad: ${unit}`,
  window: (from, to) => (from === to ? from : `${from}–${to}`),
  tableHeader: {
    code: 'Código',
    indicator: 'Indicador',
    periodicity: 'Periodicidad',
    target: (window) => `Meta ${window}`,
    result: (window) => `Resultado ${window}`,
    compliance: '% Cumplimiento',
    status: 'Semáforo',
  },
  countsSentence: countsSentenceEs,
  interpretations: 'Interpretación de los resultados',
  critical: {
    heading: 'Indicadores críticos: justificaciones y acciones correctivas',
    justification: (period) => `Justificación (${period})`,
    actionHeader: ['Acción correctiva', 'Responsable', 'Fecha límite'],
    noActions: 'Sin acciones correctivas.',
    none: 'Ningún indicador obtuvo resultado crítico.',
  },
  criticalWithout: { heading: 'Indicadores críticos sin justificación', none: 'Todos los indicadores críticos tienen justificación.' },
  closing: 'Cuadro de cierre',
  footer: {
    position: (position) => `Posición en el registro: ${position}`,
    digest: (digest) => `Huella de la evaluación (SHA-256): ${digest}`,
    layout: (layout, format, language, version) => `Diseño ${layout} · formato ${format} · idioma ${language} · versión ${version}`,
    verify:
      'Para verificar una copia: pnpm report verify-document ARCHIVO, o envíela a POST /v1/plans/{plan}/reports/verification; se regenera desde esta posición y se compara byte a byte.',
  },
  omitted: '[Información reservada omitida]',
  reservedMark: '[Reservado]',
  workbook: {
    summarySheet: 'Resumen',
    criticalSheet: 'Críticos',
    closingSheet: 'Cierre',
    kind: 'Tipo',
    perspective: 'Perspectiva',
    unit: 'Unidad',
    measure: 'Medida',
    polarity: 'Polaridad',
    accumulation: 'Acumulación',
    period: 'Período',
    justification: 'Justificación',
    document: 'Documento',
    layout: 'Diseño',
  },
  publicVersion: 'Versión pública',
  publicNotice:
    'Versión pública: se omite la información reservada o confidencial, conforme a los artículos 24 y 30 de la Ley de Acceso a la Información Pública (El Salvador) y al artículo 7 de la Ley Orgánica de Transparencia y Acceso a la Información Pública (Ecuador). Cada omisión se señala en el texto con «[Información reservada omitida]».',
  none: '—',
};

export const REPORT_LABELS_EN: ReportLabels = {
  title: 'Annual Work Plan evaluation report',
  institution: 'Institution',
  plan: 'Plan',
  fiscalYear: 'Fiscal year',
  period: 'Period evaluated',
  asOf: (instant) => `As recorded at ${instant}`,
  edition: (edition) => `Edition ${edition}`,
  methodology: {
    heading: 'Methodology',
    intro:
      "Each indicator is evaluated on its target and result accumulated from the start of the fiscal year to the end of the period. The compliance percentage is classified by the plan's scale:",
    critical: (below) => `Critical: compliance below ${below}.`,
    regular: (from, to) => `Regular: compliance from ${from} to ${to}, inclusive.`,
    good: (above) => `Good: compliance above ${above}.`,
    compliance: 'When lower is better, compliance is the target over the result. Percentages are computed exactly and only rounded when printed.',
  },
  general: {
    heading: 'General results',
    byKind: 'Indicators by kind',
    byPerspective: 'Results by perspective',
    countsChart: 'Indicators by perspective and status',
    sharesChart: 'Evaluated indicators by status',
    kindHeader: ['Indicator kind', 'Planned', 'Due', 'Evaluated', 'Not reported'],
    perspectiveHeader: ['Perspective', 'Evaluated', 'Good', '% Good', 'Regular', '% Regular', 'Critical', '% Critical'],
  },
  kindSection: { result: 'Result indicators', production: 'Production indicators' },
  perspective: (name) => `Perspective ${name}`,
  responsibleUnits: 'Responsible units',
  unitTable: (unit) => `Unit: ${unit}`,
  window: (from, to) => (from === to ? from : `${from}–${to}`),
  tableHeader: {
    code: 'Code',
    indicator: 'Indicator',
    periodicity: 'Periodicity',
    target: (window) => `Target ${window}`,
    result: (window) => `Result ${window}`,
    compliance: '% Compliance',
    status: 'Status',
  },
  countsSentence: countsSentenceEn,
  interpretations: 'Interpretation of the results',
  critical: {
    heading: 'Critical indicators: justifications and corrective actions',
    justification: (period) => `Justification (${period})`,
    actionHeader: ['Corrective action', 'Owner', 'Due date'],
    noActions: 'No corrective actions.',
    none: 'No indicator had a critical result.',
  },
  criticalWithout: { heading: 'Critical indicators without a justification', none: 'Every critical indicator has a justification.' },
  closing: 'Closing table',
  footer: {
    position: (position) => `Log position: ${position}`,
    digest: (digest) => `Evaluation digest (SHA-256): ${digest}`,
    layout: (layout, format, language, version) => `Layout ${layout} · format ${format} · language ${language} · version ${version}`,
    verify:
      'To verify a copy: pnpm report verify-document FILE, or send it to POST /v1/plans/{plan}/reports/verification; it is regenerated at this position and compared byte for byte.',
  },
  omitted: '[Reserved information omitted]',
  reservedMark: '[Reserved]',
  workbook: {
    summarySheet: 'Summary',
    criticalSheet: 'Critical',
    closingSheet: 'Closing',
    kind: 'Kind',
    perspective: 'Perspective',
    unit: 'Unit',
    measure: 'Measure',
    polarity: 'Polarity',
    accumulation: 'Accumulation',
    period: 'Period',
    justification: 'Justification',
    document: 'Document',
    layout: 'Layout',
  },
  publicVersion: 'Public version',
  publicNotice:
    "Public version: reserved or confidential information is omitted under articles 24 and 30 of El Salvador's Access to Public Information Act (LAIP) and article 7 of Ecuador's Organic Law on Transparency and Access to Public Information (LOTAIP). Each omission is marked in the text with “[Reserved information omitted]”.",
  none: '—',
};
