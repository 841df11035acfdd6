import t from 'tap';
import { numberTextsOf, plainDecimalText, recordNumberTexts } from './json-number-texts.js';

t.test('each number of a body is kept as written, by JSON Pointer', async (t) => {
  const text = '{"a": 5.50, "b": [1, {"c": -0.1e2, "d": "7"}], "e\\"/f": 12345678901234567890.1234567891, "g": {"h": [[3]]}}';
  const body: unknown = JSON.parse(text);
  recordNumberTexts(text, body);
  t.same(
    [...(numberTextsOf(body) ?? new Map<string, string>())],
    [
      ['/a', '5.50'],
      ['/b/0', '1'],
      ['/b/1/c', '-0.1e2'],
      ['/e"~1f', '12345678901234567890.1234567891'],
      ['/g/h/0/0', '3'],
    ],
  );
  t.equal(numberTextsOf({}), undefined, 'nothing for a body it did not parse');
});

t.test('a number text as a plain decimal, digit for digit', async (t) => {
  t.equal(plainDecimalText('5.50'), '5.50', 'no exponent: as written');
  t.equal(plainDecimalText('5e1'), '50');
  t.equal(plainDecimalText('1.5E-3'), '0.0015');
  t.equal(plainDecimalText('-2.50e+1'), '-25');
  t.equal(plainDecimalText('0e0'), '0');
  t.equal(plainDecimalText('1e400'), undefined, 'an absurd exponent');
});
