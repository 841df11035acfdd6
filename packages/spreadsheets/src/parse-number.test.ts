import t from 'tap';
import { exactDecimalOfNumberText } from './exact-decimal.js';
import { parseNumberCell, parseNumberText } from './parse-number.js';

const value = (text: string, locale: 'es' | 'en') => {
  const read = parseNumberText(text, locale);
  return read.ok ? read.value : `!${read.reason}`;
};

t.test('given numbers as people type them in Spanish, when read with locale es, then their exact decimal', async (t) => {
  t.equal(value('1.219,5', 'es'), '1219.5');
  t.equal(value('0,5', 'es'), '0.5');
  t.equal(value(' 85 % ', 'es'), '85');
  t.equal(value('$ 1.500,25', 'es'), '1500.25');
  t.equal(value('375.123.611', 'es'), '375123611');
  t.equal(value('-375.123.611 $', 'es'), '-375123611');
  t.equal(value('1\u00a0219,5', 'es'), '1219.5', 'a no-break space between thousands');
  t.equal(value('007', 'es'), '7');
  t.equal(value('12,50', 'es'), '12.5');
  t.equal(value('1.000', 'es'), '1000', 'the declared locale decides what the point means');
});

t.test('given numbers typed in English, when read with locale en, then their exact decimal', async (t) => {
  t.equal(value('1,219.5', 'en'), '1219.5');
  t.equal(value('0.5', 'en'), '0.5');
  t.equal(value('-375,123,611$', 'en'), '-375123611', "the catalog's own spelling of a financial gap");
  t.equal(value('USD 12', 'en'), '12');
  t.equal(value('+3', 'en'), '3');
  t.equal(value('1.000', 'en'), '1');
});

t.test('given a value that is not a number in the declared locale, then a reason, never a guess', async (t) => {
  t.equal(value('0.5', 'es'), '!wrong-separator');
  t.equal(value('0,5', 'en'), '!wrong-separator');
  t.equal(value('-375,123,611$', 'es'), '!wrong-separator');
  t.equal(value('0.500', 'es'), '!ambiguous', 'thousands are never grouped after a leading zero');
  t.equal(value('0,500', 'en'), '!ambiguous');
  t.equal(value('doce', 'es'), '!not-a-number');
  t.equal(value('12 dias', 'es'), '!not-a-number');
  t.equal(value('1.2.3', 'en'), '!not-a-number');
  t.equal(value('%', 'es'), '!not-a-number');
  t.equal(value('--3', 'es'), '!not-a-number');
});

t.test('a workbook number cell is its exact XML text, whatever the locale', async (t) => {
  t.same(parseNumberCell({ kind: 'number', text: '0.1' }, 'es'), { ok: true, value: '0.1' });
  t.same(parseNumberCell({ kind: 'number', text: '1219.5' }, 'es'), { ok: true, value: '1219.5' });
  t.same(parseNumberCell({ kind: 'formula', text: '=SUM(A1:A3)' }, 'es'), { ok: false, reason: 'not-a-number' });
  t.equal(exactDecimalOfNumberText('1E-3'), '0.001');
  t.equal(exactDecimalOfNumberText('1.5E+3'), '1500');
  t.equal(exactDecimalOfNumberText('12345678901234567890'), '12345678901234567890', 'digits a double would change');
  t.equal(String(Number('12345678901234567890')), '12345678901234567000', '(what a float would have said)');
  t.equal(exactDecimalOfNumberText('0.30000000000000004'), '0.30000000000000004');
  t.equal(exactDecimalOfNumberText('-0'), '0');
  t.equal(exactDecimalOfNumberText('abc'), undefined);
});
