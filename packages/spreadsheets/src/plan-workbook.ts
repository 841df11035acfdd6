import {
  compareCodes,
  formatPeriod,
  periodsOf,
  unitWithinScope,
  wordOf,
  VOCABULARY_WORDS,
  type IndicatorFacts,
  type PlanFacts,
  type Unit,
  type VocabularyField,
} from '@semaforo/domain';
import { WORKBOOK_LAYOUT, type SheetKey, type SheetLayout } from './workbook-layout.js';
import type { WorkbookLanguage } from './workbook-number.js';

/** A cell of a plan's workbook before it is written: text, a decimal (a number where one keeps it exactly), or empty. */
export type WorkbookCell = string | { readonly decimal: string } | null;

export interface WorkbookSheet {
  readonly layout: SheetLayout;
  /** One cell per column of the layout, in its order. */
  readonly rows: readonly (readonly WorkbookCell[])[];
}

export interface PlanWorkbook {
  readonly language: WorkbookLanguage;
  /** Every sheet of `WORKBOOK_LAYOUT`, in its order. */
  readonly sheets: readonly WorkbookSheet[];
}

export interface PlanWorkbookOptions {
  /** `template`: targets and results left empty, to be filled in; `export`: the plan's current values. */
  readonly kind: 'template' | 'export';
  readonly language: WorkbookLanguage;
  /** Only these units and the ones below them (a reporter's units, or the one asked for); all when absent. */
  readonly withinUnits?: readonly string[] | undefined;
}

/** What the `Sin datos` column holds for a period with "no data"; empty otherwise. */
export const NO_DATA_WORD: Readonly<Record<WorkbookLanguage, string>> = { es: 'Sí', en: 'Yes' };

const WORD_FIELDS: Readonly<Partial<Record<SheetKey, Readonly<Record<string, VocabularyField>>>>> = {
  units: { areaClass: 'areaClass' },
  indicators: { kind: 'kind', measure: 'measure', periodicity: 'periodicity', polarity: 'polarity', accumulation: 'accumulation' },
};

/**
 * The words a column of enumerated values offers, in the workbook's language
 * (the first word of each value, the one a template prints); undefined for a
 * free column. The importer accepts every word of either language, so these
 * are a help to whoever fills the sheet in, not the only words read.
 */
export function columnWords(sheet: SheetKey, column: string, language: WorkbookLanguage): readonly string[] | undefined {
  if (sheet === 'results' && column === 'noData') return [NO_DATA_WORD[language]];
  const field = WORD_FIELDS[sheet]?.[column];
  if (field === undefined) return undefined;
  return Object.keys(VOCABULARY_WORDS[field]).map((value) => wordOf(field, value as never, language));
}

type RowOf = Readonly<Record<string, WorkbookCell | undefined>>;

const decimal = (value: string | undefined): WorkbookCell => (value === undefined ? null : { decimal: value });

/**
 * A plan's workbook in the one layout (`WORKBOOK_LAYOUT`): the perspectives,
 * the units (each after its parent), the active indicators (by code; retired
 * ones are not part of a plan someone fills in or rolls over), and in `Metas`
 * and `Resultados` one row per indicator and period of its periodicity in the
 * plan's year (`2021-M01` … `2021-M12`), with its code, name and unit, the
 * value empty in a template and the current one in an export. Pure: the same
 * facts give the same workbook.
 */
export function planWorkbook(facts: PlanFacts, options: PlanWorkbookOptions): PlanWorkbook {
  const { plan } = facts;
  const { language, kind } = options;
  const inScope = (unit: string) => options.withinUnits === undefined || unitWithinScope(options.withinUnits, unit, plan.units);
  const units = parentsFirst(Object.values(plan.units).filter((unit) => inScope(unit.code)));
  const indicators = facts.indicators.filter((indicator) => indicator.status === 'active' && inScope(indicator.definition.unit));
  const word = <F extends VocabularyField>(field: F, value: keyof (typeof VOCABULARY_WORDS)[F]) => wordOf(field, value, language);

  const rowsOf: Record<SheetKey, RowOf[]> = {
    perspectives: plan.perspectives.map(({ code, name }) => ({ code, name })),
    units: units.map(({ code, name, parentCode, areaClass }) => ({ code, name, parentCode, areaClass: word('areaClass', areaClass) })),
    indicators: indicators.map(({ code, definition: d }) => ({
      code,
      name: d.name,
      kind: word('kind', d.kind),
      perspective: d.perspective,
      unit: d.unit,
      measure: word('measure', d.measure),
      periodicity: word('periodicity', d.periodicity),
      polarity: word('polarity', d.polarity),
      accumulation: word('accumulation', d.accumulation),
      formula: d.formula,
      decimals: d.decimals === undefined ? null : { decimal: String(d.decimals) },
      strategicObjective: d.strategicObjective ?? null,
    })),
    targets: periodRows(indicators, plan.fiscalYear, (indicator, period) => ({
      value: kind === 'export' ? decimal(indicator.targets[period]) : null,
    })),
    results: periodRows(indicators, plan.fiscalYear, (indicator, period) => {
      const result = kind === 'export' ? indicator.results[period] : undefined;
      if (result === undefined) return {};
      if (result.kind === 'no-data') return { noData: NO_DATA_WORD[language] };
      return { value: decimal(result.value), numerator: decimal(result.numerator), denominator: decimal(result.denominator) };
    }),
  };

  return {
    language,
    sheets: WORKBOOK_LAYOUT.map((layout) => ({
      layout,
      rows: rowsOf[layout.key].map((row) => layout.columns.map((column) => row[column.key] ?? null)),
    })),
  };
}

function periodRows(indicators: readonly IndicatorFacts[], year: number, values: (indicator: IndicatorFacts, period: string) => RowOf): RowOf[] {
  return indicators.flatMap((indicator) =>
    periodsOf(year, indicator.definition.periodicity).map((p) => {
      const period = formatPeriod(p);
      return { code: indicator.code, name: indicator.definition.name, unit: indicator.definition.unit, period, ...values(indicator, period) };
    }),
  );
}

/** Roots by code, each followed by its descendants (depth first, by code): a unit is defined after its parent when read back in order. */
function parentsFirst(units: readonly Unit[]): Unit[] {
  const codes = new Set(units.map((unit) => unit.code));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentCode !== null && codes.has(unit.parentCode) ? unit.parentCode : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const ordered: Unit[] = [];
  const visit = (parent: string | null) => {
    for (const unit of [...(children.get(parent) ?? [])].sort((a, b) => compareCodes(a.code, b.code))) {
      ordered.push(unit);
      visit(unit.code);
    }
  };
  visit(null);
  return ordered;
}
