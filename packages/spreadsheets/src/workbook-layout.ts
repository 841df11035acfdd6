import { normalizeWord } from '@semaforo/domain';

/**
 * The one layout of a plan's workbook: the sheets, their columns and the
 * headers people see. Templates and exports are written in it, imports read
 * it, so a file that went out comes back in. A sheet or header is found by
 * its Spanish or English name, whatever the case, accents or spacing; CSV
 * files hold one sheet, recognised by its headers.
 *
 * Column keys are the names the domain's commands use; the informative
 * columns (`informative: true`) are printed in templates to help whoever fills
 * them in (the indicator's name beside its code) and ignored when read.
 */
export interface ColumnLayout {
  readonly key: string;
  readonly es: string;
  readonly en: string;
  readonly required: boolean;
  readonly informative?: true;
}

export interface SheetLayout {
  readonly key: SheetKey;
  readonly es: string;
  readonly en: string;
  readonly columns: readonly ColumnLayout[];
}

export type SheetKey = 'perspectives' | 'units' | 'indicators' | 'targets' | 'results';

const column = (key: string, es: string, en: string, required = false): ColumnLayout => ({ key, es, en, required });
const informative = (key: string, es: string, en: string): ColumnLayout => ({ key, es, en, required: false, informative: true });

/** In the order a plan is built: what a row refers to is defined in an earlier sheet. */
export const WORKBOOK_LAYOUT: readonly SheetLayout[] = [
  {
    key: 'perspectives',
    es: 'Perspectivas',
    en: 'Perspectives',
    columns: [column('code', 'Código', 'Code', true), column('name', 'Nombre', 'Name', true)],
  },
  {
    key: 'units',
    es: 'Unidades',
    en: 'Units',
    columns: [
      column('code', 'Código', 'Code', true),
      column('name', 'Nombre', 'Name', true),
      column('parentCode', 'Unidad superior', 'Parent unit'),
      column('areaClass', 'Clase de área', 'Area class', true),
    ],
  },
  {
    key: 'indicators',
    es: 'Indicadores',
    en: 'Indicators',
    columns: [
      column('code', 'Código', 'Code', true),
      column('name', 'Nombre', 'Name', true),
      column('kind', 'Tipo', 'Kind', true),
      column('perspective', 'Perspectiva', 'Perspective', true),
      column('unit', 'Unidad responsable', 'Responsible unit', true),
      column('measure', 'Medida', 'Measure', true),
      column('periodicity', 'Periodicidad', 'Periodicity', true),
      column('polarity', 'Polaridad', 'Polarity', true),
      column('accumulation', 'Acumulación', 'Accumulation', true),
      column('formula', 'Fórmula', 'Formula', true),
      column('decimals', 'Decimales', 'Decimals'),
      column('strategicObjective', 'Objetivo estratégico', 'Strategic objective'),
    ],
  },
  {
    key: 'targets',
    es: 'Metas',
    en: 'Targets',
    columns: [
      column('code', 'Código', 'Code', true),
      informative('name', 'Indicador', 'Indicator'),
      informative('unit', 'Unidad responsable', 'Responsible unit'),
      column('period', 'Período', 'Period', true),
      column('value', 'Meta', 'Target'),
      column('reason', 'Motivo', 'Reason'),
    ],
  },
  {
    key: 'results',
    es: 'Resultados',
    en: 'Results',
    columns: [
      column('code', 'Código', 'Code', true),
      informative('name', 'Indicador', 'Indicator'),
      informative('unit', 'Unidad responsable', 'Responsible unit'),
      column('period', 'Período', 'Period', true),
      column('value', 'Resultado', 'Result'),
      column('numerator', 'Numerador', 'Numerator'),
      column('denominator', 'Denominador', 'Denominator'),
      column('noData', 'Sin datos', 'No data'),
      column('reason', 'Motivo', 'Reason'),
    ],
  },
];

export const sheetLayout = (key: SheetKey): SheetLayout => WORKBOOK_LAYOUT.find((sheet) => sheet.key === key)!;

/** The sheet a name (of a workbook sheet) stands for, in either language. */
export function sheetOfName(name: string): SheetLayout | undefined {
  const wanted = normalizeWord(name);
  return WORKBOOK_LAYOUT.find((sheet) => normalizeWord(sheet.es) === wanted || normalizeWord(sheet.en) === wanted);
}

/** The column a header stands for in a sheet, in either language. */
export function columnOfHeader(sheet: SheetLayout, header: string): ColumnLayout | undefined {
  const wanted = normalizeWord(header);
  return sheet.columns.find((c) => normalizeWord(c.es) === wanted || normalizeWord(c.en) === wanted || normalizeWord(c.key) === wanted);
}
