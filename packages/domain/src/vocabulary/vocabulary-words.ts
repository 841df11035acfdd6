import { ACCUMULATIONS, type Accumulation } from '../compliance/accumulation.js';
import { POLARITIES, type Polarity } from '../compliance/polarity.js';
import { INDICATOR_KINDS, MEASURES, type IndicatorKind, type Measure } from '../indicator/indicator-definition.js';
import { PERIODICITIES, type Periodicity } from '../period/periodicity.js';
import { AREA_CLASSES, type AreaClass } from '../plan/plan-vocabulary.js';

/** The words a person writes for one value: the first of each language is the one we print. */
export interface ValueWords {
  readonly es: readonly [string, ...string[]];
  readonly en: readonly [string, ...string[]];
}

type WordsOf<Value extends string> = { readonly [V in Value]: ValueWords };

/**
 * What people in the institutions write for each value of the domain's
 * enumerations, in Spanish and English. Spreadsheets, forms and the API
 * accept any of them (see `valueOfWord`); templates and documents print the
 * first word of the language asked. The misspellings are the ones the
 * national catalog itself carries (`Bimenstral`), so a real file reads as
 * its authors meant it.
 */
export const VOCABULARY_WORDS: {
  readonly kind: WordsOf<IndicatorKind>;
  readonly measure: WordsOf<Measure>;
  readonly periodicity: WordsOf<Periodicity>;
  readonly polarity: WordsOf<Polarity>;
  readonly accumulation: WordsOf<Accumulation>;
  readonly areaClass: WordsOf<AreaClass>;
} = {
  kind: {
    result: { es: ['Resultado', 'Indicador de resultado'], en: ['Result', 'result indicator'] },
    production: { es: ['Producción', 'Indicador de producción', 'Produccion'], en: ['Production', 'production indicator'] },
  },
  measure: {
    percent: { es: ['Porcentaje', '%'], en: ['Percent', 'percentage'] },
    count: { es: ['Número', 'Numero', 'Cantidad', 'Conteo'], en: ['Count', 'number'] },
    currency: { es: ['Moneda', 'Dólares', 'Dolares', '$', 'USD'], en: ['Currency', 'dollars'] },
    days: { es: ['Días', 'Dias'], en: ['Days'] },
    months: { es: ['Meses'], en: ['Months'] },
    ratio: { es: ['Razón', 'Razon', 'Tasa', 'Relación'], en: ['Ratio', 'rate'] },
    index: { es: ['Índice', 'Indice'], en: ['Index'] },
  },
  periodicity: {
    monthly: { es: ['Mensual'], en: ['Monthly'] },
    bimonthly: { es: ['Bimestral', 'Bimenstral'], en: ['Bimonthly', 'bi-monthly'] },
    quarterly: { es: ['Trimestral'], en: ['Quarterly'] },
    'four-monthly': { es: ['Cuatrimestral'], en: ['Four-monthly', 'four monthly'] },
    semiannual: { es: ['Semestral'], en: ['Semiannual', 'semi-annual', 'half-yearly'] },
    annual: { es: ['Anual'], en: ['Annual', 'yearly'] },
  },
  polarity: {
    'higher-is-better': { es: ['Mayor es mejor', 'Ascendente', 'Creciente'], en: ['Higher is better', 'higher-is-better'] },
    'lower-is-better': { es: ['Menor es mejor', 'Descendente', 'Decreciente'], en: ['Lower is better', 'lower-is-better'] },
  },
  accumulation: {
    sum: { es: ['Suma', 'Acumulado'], en: ['Sum'] },
    last: { es: ['Último', 'Ultimo', 'Último valor'], en: ['Last', 'last value'] },
    average: { es: ['Promedio'], en: ['Average', 'mean'] },
  },
  areaClass: {
    administrative: { es: ['Administrativa', 'Administrativo'], en: ['Administrative'] },
    health: { es: ['Salud', 'Médica', 'Medica'], en: ['Health'] },
  },
};

export type VocabularyField = keyof typeof VOCABULARY_WORDS;

/** Case, accents, spaces, hyphens and underscores do not distinguish two words. */
export const normalizeWord = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

const VALUES_OF: { readonly [F in VocabularyField]: readonly string[] } = {
  kind: INDICATOR_KINDS,
  measure: MEASURES,
  periodicity: PERIODICITIES,
  polarity: POLARITIES,
  accumulation: ACCUMULATIONS,
  areaClass: AREA_CLASSES,
};

const LOOKUP: ReadonlyMap<VocabularyField, ReadonlyMap<string, string>> = new Map(
  (Object.keys(VOCABULARY_WORDS) as VocabularyField[]).map((field) => {
    const words = new Map<string, string>();
    for (const value of VALUES_OF[field]) {
      const of = (VOCABULARY_WORDS[field] as Record<string, ValueWords>)[value]!;
      for (const word of [value, ...of.es, ...of.en]) words.set(normalizeWord(word), value);
    }
    return [field, words];
  }),
);

/** The value a person meant by `text` (the code itself or any of its words), or undefined when it names none. */
export function valueOfWord<F extends VocabularyField>(field: F, text: string): keyof (typeof VOCABULARY_WORDS)[F] | undefined {
  return LOOKUP.get(field)!.get(normalizeWord(text)) as keyof (typeof VOCABULARY_WORDS)[F] | undefined;
}

/** The word we print for a value, in the language asked. */
export function wordOf<F extends VocabularyField>(field: F, value: keyof (typeof VOCABULARY_WORDS)[F], language: 'es' | 'en'): string {
  return (VOCABULARY_WORDS[field] as Record<PropertyKey, ValueWords>)[value][language][0];
}
