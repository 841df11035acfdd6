import t from 'tap';
import { DEFAULT_NUMBER_FORMAT, ECUADORIAN_NUMBER_FORMAT, type NumberFormat } from '@semaforo/domain';
import { formatCurrencyText as formatCurrency, formatNumber as formatDecimal, formatPercentText as formatPercentage } from './number-format.js';

const ungrouped: NumberFormat = { ...DEFAULT_NUMBER_FORMAT, thousandsSeparator: '' };

t.test('given the default (Salvadoran) format, numbers read as the seeds write them: 1,219 and 99.6%', async (t) => {
  t.equal(formatDecimal('1219', DEFAULT_NUMBER_FORMAT), '1,219');
  t.equal(formatPercentage('99.6', DEFAULT_NUMBER_FORMAT), '99.6%');
  t.equal(formatDecimal('1234567.125', DEFAULT_NUMBER_FORMAT), '1,234,567.125');
  t.equal(formatDecimal('-1000', DEFAULT_NUMBER_FORMAT), '-1,000');
  t.equal(formatDecimal('999', DEFAULT_NUMBER_FORMAT), '999');
  t.equal(formatDecimal('100000', DEFAULT_NUMBER_FORMAT), '100,000');
  t.equal(formatCurrency('1219.50', DEFAULT_NUMBER_FORMAT), '$1,219.50');
  t.equal(formatCurrency('-3.5', DEFAULT_NUMBER_FORMAT), '-$3.5');
});

t.test('given the Ecuadorian catalog format, numbers read 0,5 and 1.482, and the percent sign is spaced (no-break)', async (t) => {
  t.equal(formatDecimal('0.5', ECUADORIAN_NUMBER_FORMAT), '0,5');
  t.equal(formatDecimal('1482', ECUADORIAN_NUMBER_FORMAT), '1.482');
  t.equal(formatDecimal('1234567.25', ECUADORIAN_NUMBER_FORMAT), '1.234.567,25');
  t.equal(formatPercentage('99.6', ECUADORIAN_NUMBER_FORMAT), '99,6\u00a0%');
  t.equal(formatCurrency('1482.5', ECUADORIAN_NUMBER_FORMAT), '$1.482,5');
});

t.test('digits are never changed: trailing zeros, leading zeros of a fraction and no grouping are kept as written', async (t) => {
  t.equal(formatDecimal('1.50', DEFAULT_NUMBER_FORMAT), '1.50');
  t.equal(formatDecimal('0.05', ECUADORIAN_NUMBER_FORMAT), '0,05');
  t.equal(formatDecimal('1234567', ungrouped), '1234567');
  t.equal(formatDecimal('26/3', ECUADORIAN_NUMBER_FORMAT, 2), '8,67', 'an exact fraction rounded half-up');
  t.equal(formatDecimal('12000/7', DEFAULT_NUMBER_FORMAT, 0), '1,714');
});

t.test('text that is no decimal is left as it is, never turned into a number it was not', async (t) => {
  for (const text of ['1e3', '', '1,5', ' 1', 'NaN', '.5', 'n/a']) t.equal(formatDecimal(text, DEFAULT_NUMBER_FORMAT), text, JSON.stringify(text));
});
