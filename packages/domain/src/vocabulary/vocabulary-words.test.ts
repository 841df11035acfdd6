import t from 'tap';
import { ACCUMULATIONS, AREA_CLASSES, INDICATOR_KINDS, MEASURES, PERIODICITIES, POLARITIES } from '../index.js';
import { VOCABULARY_WORDS, normalizeWord, valueOfWord, wordOf, type VocabularyField } from './vocabulary-words.js';

t.test('every value of every enumeration has words in both languages, and each word names one value only', async (t) => {
  const values: Record<VocabularyField, readonly string[]> = {
    kind: INDICATOR_KINDS,
    measure: MEASURES,
    periodicity: PERIODICITIES,
    polarity: POLARITIES,
    accumulation: ACCUMULATIONS,
    areaClass: AREA_CLASSES,
  };
  for (const field of Object.keys(values) as VocabularyField[]) {
    t.same(Object.keys(VOCABULARY_WORDS[field]).sort(), [...values[field]].sort(), `${field}: words for exactly its values`);
    const seen = new Map<string, string>();
    for (const [value, words] of Object.entries(VOCABULARY_WORDS[field])) {
      for (const word of [value, ...words.es, ...words.en]) {
        const key = normalizeWord(word);
        t.not(seen.has(key) && seen.get(key) !== value, true, `${field}: "${word}" names ${value} only`);
        seen.set(key, value);
      }
    }
  }
});

t.test('given the words people write, when read, then the value they meant', async (t) => {
  t.equal(valueOfWord('periodicity', 'Mensual'), 'monthly');
  t.equal(valueOfWord('periodicity', 'monthly'), 'monthly');
  t.equal(valueOfWord('periodicity', ' CUATRIMESTRAL '), 'four-monthly');
  t.equal(valueOfWord('periodicity', 'Bimenstral'), 'bimonthly', "the national catalog's own spelling");
  t.equal(valueOfWord('kind', 'resultado'), 'result');
  t.equal(valueOfWord('kind', 'Produccion'), 'production', 'without its accent');
  t.equal(valueOfWord('polarity', 'Mayor es mejor'), 'higher-is-better');
  t.equal(valueOfWord('polarity', 'higher is better'), 'higher-is-better');
  t.equal(valueOfWord('measure', 'Porcentaje'), 'percent');
  t.equal(valueOfWord('periodicity', 'weekly'), undefined, 'a word that names nothing is not guessed');
});

t.test('the printed word is the first of its language', async (t) => {
  t.equal(wordOf('periodicity', 'four-monthly', 'es'), 'Cuatrimestral');
  t.equal(wordOf('periodicity', 'four-monthly', 'en'), 'Four-monthly');
  t.equal(wordOf('kind', 'production', 'es'), 'Producción');
});
