import {
  defineUnitDataSchema,
  perspectiveSchema,
  registerIndicatorDataSchema,
  reportResultDataSchema,
  setTargetDataSchema,
  formatPeriod,
  tryParsePeriod,
  valueOfWord,
  VOCABULARY_WORDS,
  type DefineUnit,
  type IndicatorDefinition,
  type Perspective,
  type ReportResult,
  type SetTarget,
  type VocabularyField,
} from '@semaforo/domain';
import { parseNumberCell, type Cell, type NumberLocale, type SheetKey } from '@semaforo/spreadsheets';
import type { z } from 'zod';
import { conflictMessage, type ImportConflict, type MessageParams } from './import-conflict.js';
import type { ImportLanguage } from './import-options.js';
import type { ImportSheet, LayoutRow } from './read-import-file.js';

/** What one row asks for, read and validated, before any state is looked at. */
export type RowIntent =
  | { readonly sheet: 'perspectives'; readonly perspective: Perspective }
  | { readonly sheet: 'units'; readonly unit: DefineUnit['data'] }
  | {
      readonly sheet: 'indicators';
      readonly code: string;
      readonly definition: IndicatorDefinition;
      readonly given: ReadonlySet<keyof IndicatorDefinition>;
      readonly reason?: string;
    }
  | { readonly sheet: 'targets'; readonly target: SetTarget['data'] }
  | { readonly sheet: 'results'; readonly result: ReportResult['data'] };

export interface RowContext {
  readonly sheet: ImportSheet;
  readonly locale: NumberLocale;
  readonly language: ImportLanguage;
  /** The import's reason, for rows that do not give their own. */
  readonly reason?: string;
  /** The plan's fiscal year, when every period is to be read as of it (a roll-over). */
  readonly rollOverTo?: number;
}

export type RowReading =
  { readonly ok: true; readonly intent: RowIntent; readonly key: string } | { readonly ok: false; readonly conflicts: readonly ImportConflict[] };

const EXAMPLES: Readonly<Record<NumberLocale, string>> = { es: '1219,5', en: '1219.5' };

/**
 * One row to what it asks for: cells read by their column (words in either
 * language, numbers by the locale, periods), then checked by the domain's own
 * command schemas, so a row is refused for exactly what a REST request would
 * be. Every problem of the row is reported, not only the first.
 */
export function readRow(row: LayoutRow, context: RowContext): RowReading {
  const conflicts: ImportConflict[] = [];
  const { sheet, language } = context;
  const conflict = (key: string, code: string, params: MessageParams = {}, fallback?: string): void => {
    const value = row.values.get(key);
    const column = value?.header ?? sheet.headers.get(key) ?? sheet.layout.columns.find((c) => c.key === key)?.[language] ?? '';
    conflicts.push({
      sheet: sheet.name,
      row: row.number,
      column,
      cell: value?.cell.text ?? '',
      code,
      message: conflictMessage(code, language, { column, ...params }, fallback),
    });
  };

  const text = (key: string): string | undefined => {
    const value = row.values.get(key);
    if (value === undefined) return undefined;
    if (value.cell.kind === 'formula') {
      conflict(key, 'FORMULA_NOT_ALLOWED');
      return undefined;
    }
    const trimmed = value.cell.text.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const required = (key: string): string | undefined => {
    const value = text(key);
    if (value === undefined && !conflicts.some((c) => c.column === (row.values.get(key)?.header ?? sheet.headers.get(key)))) conflict(key, 'REQUIRED_VALUE');
    return value;
  };
  const word = <F extends VocabularyField>(field: F, key: string): string | undefined => {
    const typed = required(key);
    if (typed === undefined) return undefined;
    const value = valueOfWord(field, typed);
    if (value === undefined) {
      const known = Object.values(VOCABULARY_WORDS[field] as Record<string, { es: readonly string[]; en: readonly string[] }>)
        .map((words) => words[language][0])
        .join(', ');
      conflict(key, 'UNKNOWN_WORD', { known });
      return undefined;
    }
    return value as string;
  };
  const decimal = (key: string): string | undefined => {
    const value = row.values.get(key);
    if (value === undefined) return undefined;
    if (value.cell.kind === 'formula') {
      conflict(key, 'FORMULA_NOT_ALLOWED');
      return undefined;
    }
    const read = parseNumberCell(value.cell, context.locale);
    if (read.ok) return read.value;
    const otherLocale = context.locale === 'es' ? 'en' : 'es';
    const code = read.reason === 'wrong-separator' ? 'NUMBER_WRONG_SEPARATOR' : read.reason === 'ambiguous' ? 'NUMBER_AMBIGUOUS' : 'NOT_A_NUMBER';
    conflict(key, code, { locale: context.locale, otherLocale, example: EXAMPLES[context.locale] });
    return undefined;
  };
  const period = (key: string): string | undefined => {
    const typed = required(key);
    if (typed === undefined) return undefined;
    const parsed = tryParsePeriod(typed.toUpperCase());
    if (parsed === null) {
      conflict(key, 'INVALID_PERIOD');
      return undefined;
    }
    return context.rollOverTo === undefined ? typed.toUpperCase() : formatPeriod({ ...parsed, year: context.rollOverTo });
  };
  const validated = <S extends z.ZodType>(schema: S, data: unknown): z.output<S> | undefined => {
    if (conflicts.length > 0) return undefined;
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) conflict(String(issue.path[0] ?? ''), 'INVALID_VALUE', { detail: issue.message });
    return undefined;
  };
  const done = (intent: RowIntent | undefined, key: string): RowReading =>
    intent === undefined || conflicts.length > 0 ? { ok: false, conflicts } : { ok: true, intent, key };

  const reason = text('reason') ?? context.reason;
  const sheetKey: SheetKey = sheet.layout.key;
  switch (sheetKey) {
    case 'perspectives': {
      const data = { code: required('code'), name: required('name') };
      const perspective = validated(perspectiveSchema, data);
      return done(perspective && { sheet: 'perspectives', perspective }, `${data.code}`);
    }
    case 'units': {
      const data = { code: required('code'), name: required('name'), parentCode: text('parentCode'), areaClass: word('areaClass', 'areaClass') };
      const unit = validated(defineUnitDataSchema, dropUndefined(data));
      return done(unit && { sheet: 'units', unit }, `${data.code}`);
    }
    case 'indicators': {
      const decimalsText = decimal('decimals');
      const data = {
        code: required('code'),
        name: required('name'),
        kind: word('kind', 'kind'),
        perspective: required('perspective'),
        unit: required('unit'),
        measure: word('measure', 'measure'),
        periodicity: word('periodicity', 'periodicity'),
        polarity: word('polarity', 'polarity'),
        accumulation: word('accumulation', 'accumulation'),
        formula: required('formula'),
        decimals: decimalsText === undefined ? undefined : Number(decimalsText),
        strategicObjective: text('strategicObjective'),
      };
      const parsed = validated(registerIndicatorDataSchema, dropUndefined(data));
      if (parsed === undefined) return done(undefined, '');
      const { code, ...definition } = parsed;
      const given = new Set(Object.keys(definition) as (keyof IndicatorDefinition)[]);
      return done({ sheet: 'indicators', code, definition, given, ...(reason === undefined ? {} : { reason }) }, code);
    }
    case 'targets': {
      const data = { code: required('code'), period: period('period'), value: decimal('value'), reason };
      // A row of a prefilled template left blank: nothing to import, not a conflict.
      if (data.value === undefined && conflicts.length === 0 && !row.values.has('value')) return { ok: false, conflicts: [] };
      if (data.value === undefined && conflicts.length === 0) conflict('value', 'REQUIRED_VALUE');
      const target = validated(setTargetDataSchema, dropUndefined(data));
      return done(target && { sheet: 'targets', target }, `${data.code} ${data.period}`);
    }
    case 'results': {
      const noData = yesNo(row.values.get('noData')?.cell);
      if (noData === undefined) conflict('noData', 'UNKNOWN_WORD', { known: language === 'es' ? 'Sí, No' : 'Yes, No' });
      const base = { code: required('code'), period: period('period') };
      if (noData === true) {
        const result = validated(reportResultDataSchema, dropUndefined({ ...base, noData: true, reason }));
        return done(result && { sheet: 'results', result }, `${base.code} ${base.period}`);
      }
      const data = { ...base, value: decimal('value'), numerator: decimal('numerator'), denominator: decimal('denominator'), reason };
      if (data.value === undefined && conflicts.length === 0 && !row.values.has('value')) return { ok: false, conflicts: [] };
      const result = validated(reportResultDataSchema, dropUndefined(data));
      return done(result && { sheet: 'results', result }, `${base.code} ${base.period}`);
    }
  }
}

const YES = new Set(['si', 'sí', 'yes', 'x', 'true', 'verdadero', '1']);
const NO = new Set(['no', 'false', 'falso', '0']);

/** The "no data" cell: blank or no is false, yes is true, anything else is not guessed. */
function yesNo(cell: Cell | undefined): boolean | undefined {
  if (cell === undefined) return false;
  const text = cell.text.trim().toLowerCase();
  if (text === '' || NO.has(text)) return false;
  if (YES.has(text)) return true;
  return undefined;
}

function dropUndefined<T extends Record<string, unknown>>(data: T): Partial<T> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as Partial<T>;
}
