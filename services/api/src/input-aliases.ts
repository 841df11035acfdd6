import { DECIMAL_PATTERN, SIGNED_DECIMAL_PATTERN, VOCABULARY_WORDS, valueOfWord, type VocabularyField } from '@semaforo/domain';
import { enumOptions, stringPatterns, type InputAlias } from '@semaforo/http';

const FIELDS = Object.keys(VOCABULARY_WORDS) as VocabularyField[];

/** The vocabulary field whose values are exactly `options`, if any: an enum of the domain, whatever the route calls it. */
function vocabularyFieldOf(options: readonly string[]): VocabularyField | undefined {
  const sorted = [...options].sort().join('\n');
  return FIELDS.find((field) => Object.keys(VOCABULARY_WORDS[field]).sort().join('\n') === sorted);
}

/** A scale's bounds are unsigned decimals, targets and results signed ones: both take an exact JSON number. */
const DECIMAL_SOURCES: ReadonlySet<string> = new Set([DECIMAL_PATTERN.source, SIGNED_DECIMAL_PATTERN.source]);

const fieldByOptions = new Map<string, VocabularyField | null>();

/**
 * What every request accepts besides what its schema says, on every route
 * (`registerZod` applies it to bodies and query strings):
 * - for an enumeration of the domain (kind, measure, periodicity, polarity,
 *   accumulation, area class), any word people write for a value, in Spanish
 *   or English (`"resultado"`, `"Trimestral"`: `valueOfWord`, the table the
 *   import uses too);
 * - for a decimal field, a JSON number whose text is an exact decimal
 *   (`5.5`, `5.50`, `1e3`): it becomes that text, so it is stored and echoed
 *   as the string it was written as. A number in a field that is not a
 *   decimal stays a number.
 */
export const inputAlias: InputAlias = (schema, value, numberText) => {
  if (typeof value === 'number') {
    if (numberText === undefined) return value;
    return stringPatterns(schema).some((pattern) => DECIMAL_SOURCES.has(pattern.source)) ? numberText : value;
  }
  if (typeof value !== 'string') return value;
  const options = enumOptions(schema);
  if (options === undefined || options.includes(value)) return value;
  const key = options.join('\n');
  let field = fieldByOptions.get(key);
  if (field === undefined) {
    field = vocabularyFieldOf(options) ?? null;
    fieldByOptions.set(key, field);
  }
  return field === null ? value : (valueOfWord(field, value) ?? value);
};
