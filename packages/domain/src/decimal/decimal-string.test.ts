import { inspect } from 'node:util';
import t from 'tap';
import fc from 'fast-check';
import { DECIMAL_PATTERN, decimalStringSchema, isDecimalString, isSignedDecimalString, signedDecimalStringSchema } from './decimal-string.js';

const MESSAGE = 'must be a non-negative decimal written as a string, e.g. "12.5"';

t.test('given the ways people write a non-negative decimal, when checked, then each is accepted', async (t) => {
  const largest = `${'9'.repeat(20)}.${'9'.repeat(10)}`;
  for (const value of ['0', '7', '12.5', '0.5', '1.50', '6138', '4.27', '007', '0.0000000001', '1'.repeat(20), largest]) {
    t.ok(isDecimalString(value), `${value} is a decimal string`);
    t.ok(decimalStringSchema.safeParse(value).success, `${value} passes the schema`);
  }
});

t.test('given anything that is not a plain non-negative decimal, when checked, then it is refused', async (t) => {
  const refused = [
    '',
    ' ',
    '-1',
    '+1',
    '1e3',
    '1E3',
    ' 1',
    '1 ',
    '.5',
    '5.',
    '1,5',
    '1.2.3',
    'NaN',
    'Infinity',
    '0x10',
    '1_000',
    '12.5%',
    '١٢',
    '1'.repeat(21),
    `1.${'0'.repeat(11)}`,
    '1\n',
  ];
  for (const value of refused) {
    t.notOk(isDecimalString(value), `${JSON.stringify(value)} is refused`);
    const parsed = decimalStringSchema.safeParse(value);
    t.notOk(parsed.success, `${JSON.stringify(value)} fails the schema`);
    t.equal(parsed.error?.issues[0]?.message, MESSAGE);
  }
});

t.test('given a value that is not even a string, when checked, then it is refused', async (t) => {
  for (const value of [12.5, 0, null, undefined, 10n, ['1'], { value: '1' }]) {
    t.notOk(isDecimalString(value), `${inspect(value)} is refused`);
    t.notOk(decimalStringSchema.safeParse(value).success);
  }
});

t.test('given the pattern used twice in a row, when tested, then it keeps no state between calls', async (t) => {
  t.notOk(DECIMAL_PATTERN.global || DECIMAL_PATTERN.sticky, 'a global or sticky pattern would alternate results');
  t.ok(DECIMAL_PATTERN.test('1.5'));
  t.ok(DECIMAL_PATTERN.test('1.5'));
});

t.test('property: every integer digits (1..20) with optional fraction digits (1..10) is accepted', async (t) => {
  const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(digits(1, 20), fc.option(digits(1, 10)), (integer, fraction) => isDecimalString(fraction === null ? integer : `${integer}.${fraction}`)),
    ),
  );
});

t.test('given a target or a result below zero, when checked as a signed decimal, then it is accepted', async (t) => {
  for (const value of ['-1', '-375123611', '-0.5', '-12.50', `-${'9'.repeat(20)}.${'9'.repeat(10)}`, '0', '0.00', '12.5']) {
    t.ok(isSignedDecimalString(value), `${value} is a signed decimal string`);
    t.ok(signedDecimalStringSchema.safeParse(value).success, `${value} passes the signed schema`);
    t.equal(isDecimalString(value), !value.startsWith('-'), `${value}: the non-negative pattern (scales) still refuses a sign`);
  }
});

t.test('given a negative zero, a plus sign or a sign in the wrong place, when checked as a signed decimal, then it is refused', async (t) => {
  for (const value of ['-0', '-0.0', '-00.000', '+1', '--1', '- 1', '1-', '-.5', '-5.', '-', '-1e3', '−1', `-1${'0'.repeat(20)}`]) {
    t.notOk(isSignedDecimalString(value), `${JSON.stringify(value)} is refused`);
    const parsed = signedDecimalStringSchema.safeParse(value);
    t.equal(parsed.error?.issues[0]?.message, 'must be a decimal written as a string, e.g. "12.5" or "-375123611"');
  }
});
