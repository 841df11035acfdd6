import t from 'tap';
import { canonicalDecimal } from './exact-decimal.js';
import { decimalText, exactSpreadsheetNumber } from './workbook-number.js';

t.test('given decimals a spreadsheet keeps exactly, when written, then they are numbers', async (t) => {
  t.equal(exactSpreadsheetNumber('0.1'), 0.1);
  t.equal(exactSpreadsheetNumber('12.50'), 12.5, 'the same value; the trailing zero is a spelling');
  t.equal(exactSpreadsheetNumber('-375123611'), -375123611);
  t.equal(exactSpreadsheetNumber('007'), 7);
  t.equal(exactSpreadsheetNumber('0'), 0);
  t.equal(exactSpreadsheetNumber('999999999999999'), 999999999999999, 'fifteen digits');
  t.equal(exactSpreadsheetNumber('0.0000000001'), null, 'String(1e-10) is "1e-10": written as text, not trusted to a reader');
});

t.test('given decimals a spreadsheet would round, when written, then they are text', async (t) => {
  t.equal(exactSpreadsheetNumber('9999999999999999'), null, 'sixteen digits');
  t.equal(exactSpreadsheetNumber('99999999999999999999.9999999999'), null);
  t.equal(exactSpreadsheetNumber('0.12345678901234567'), null);
  t.equal(exactSpreadsheetNumber('9007199254740993'), null, '2^53 + 1 is not a double');
});

t.test('given a decimal as text, when written in a language, then the separator that language reads', async (t) => {
  t.equal(decimalText('1219.5', 'es'), '1219,5');
  t.equal(decimalText('1219.5', 'en'), '1219.5');
  t.equal(decimalText('-0.5', 'es'), '-0,5');
  t.equal(decimalText('375123611', 'es'), '375123611', 'never a thousands separator');
});

t.test('canonical spellings', async (t) => {
  t.equal(canonicalDecimal('007.500'), '7.5');
  t.equal(canonicalDecimal('-0.000'), '0');
  t.equal(canonicalDecimal('-12.0'), '-12');
  t.throws(() => canonicalDecimal('1e3'), RangeError);
});
