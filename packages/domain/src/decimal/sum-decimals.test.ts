import t from 'tap';
import fc from 'fast-check';
import { parseDecimal } from './parse-decimal.js';
import { addRational, divideRational, rational, ZERO, type Rational } from './rational.js';
import { sumDecimals } from './sum-decimals.js';

/** The reference: parse each, add one at a time (reduced at every step), then divide. */
const reference = (values: readonly string[], divisor: number): Rational =>
  divideRational(values.map(parseDecimal).reduce(addRational, ZERO), rational(BigInt(divisor), 1n));

const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
/** Short and long decimals, and sums on either side of 2^53 (where doubles stop being exact). */
const decimal = fc
  .oneof(
    fc.tuple(digits(1, 4), fc.option(digits(1, 2), { nil: undefined })),
    fc.tuple(digits(1, 20), fc.option(digits(1, 10), { nil: undefined })),
    fc.tuple(fc.constantFrom('9999999999999999', '99999', '4503599627370495', '9007199254740991'), fc.option(digits(1, 10), { nil: undefined })),
  )
  .map(([integer, fraction]) => (fraction === undefined ? integer : `${integer}.${fraction}`));
/** Those, or their negatives (financial gaps), never "-0". */
const signed = fc.tuple(decimal, fc.boolean()).map(([value, negative]) => (negative && /[1-9]/.test(value) ? `-${value}` : value));

t.test('property: the sum (and the mean) of decimal strings is the reference fraction, field for field', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 12 }), (values, divisor) => {
        const actual = sumDecimals(values, divisor);
        const expected = reference(values, divisor);
        return actual.numerator === expected.numerator && actual.denominator === expected.denominator;
      }),
      { numRuns: 3000 },
    ),
  );
});

t.test('property: signed decimal strings sum to the reference fraction too', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(fc.array(signed, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 12 }), (values, divisor) => {
        const actual = sumDecimals(values, divisor);
        const expected = reference(values, divisor);
        return actual.numerator === expected.numerator && actual.denominator === expected.denominator;
      }),
      { numRuns: 2000 },
    ),
  );
  t.strictSame(sumDecimals(['-375123611', '375123611.5']), rational(1n, 2n));
  t.strictSame(sumDecimals(['-0.1', '-0.2']), parseDecimal('-0.3'));
});

t.test('given sums around 2^53, when added, then they are exact on either side', async (t) => {
  t.strictSame(sumDecimals(['9007199254740991', '1']), { numerator: 9007199254740992n, denominator: 1n }, '2^53, past the largest exact double integer');
  t.strictSame(sumDecimals(['4503599627370496', '4503599627370495']), { numerator: 9007199254740991n, denominator: 1n }, 'the largest exact double integer');
  t.strictSame(sumDecimals(['0.1', '0.2']), parseDecimal('0.3'));
  t.equal(sumDecimals(['0', '0.00']), ZERO);
  t.strictSame(sumDecimals(['1', '1', '2'], 3), rational(4n, 3n));
});

t.test('given a value that is not a decimal, when summed, then it is refused as parsing refuses it', async (t) => {
  t.throws(() => sumDecimals(['1', '1e3']), { name: 'DomainError', code: 'MALFORMED_DECIMAL', details: { value: '1e3' } });
  t.throws(() => sumDecimals(['1'], 0), RangeError);
});
