import t from 'tap';
import { parseDecimal, rational } from '../decimal/index.js';
import { formatPercent } from './format-percent.js';

t.test('given a percent, when displayed without saying how, then it has one decimal, half-up', async (t) => {
  t.equal(formatPercent(parseDecimal('0.05')), '0.1');
  t.equal(formatPercent(parseDecimal('0.25')), '0.3');
  t.equal(formatPercent(parseDecimal('99.95')), '100.0');
  t.equal(formatPercent(parseDecimal('427')), '427.0');
  t.equal(formatPercent(rational(8525n, 86n)), '99.1');
});

t.test('given a percent and a number of decimals, when displayed, then exactly that many', async (t) => {
  t.equal(formatPercent(rational(8525n, 86n), 0), '99');
  t.equal(formatPercent(rational(8525n, 86n), 2), '99.13');
  t.equal(formatPercent(parseDecimal('0'), 2), '0.00');
});

t.test('given a negative percent, when displayed, then it keeps its sign, half-up away from zero; a rounded zero has none', async (t) => {
  t.equal(formatPercent(parseDecimal('-200')), '-200.0');
  t.equal(formatPercent(parseDecimal('-0.25')), '-0.3');
  t.equal(formatPercent(rational(-8525n, 86n), 2), '-99.13');
  t.equal(formatPercent(parseDecimal('-0.04')), '0.0', 'no "-0.0"');
});
