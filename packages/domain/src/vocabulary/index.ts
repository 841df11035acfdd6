export { VOCABULARY_WORDS, normalizeWord, valueOfWord, wordOf, type ValueWords, type VocabularyField } from './vocabulary-words.js';
