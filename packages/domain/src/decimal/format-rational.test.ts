import t from 'tap';
import fc from 'fast-check';
import { DECIMAL_PATTERN } from './decimal-string.js';
import { formatRationalHalfUp, rationalToExactString } from './format-rational.js';
import { parseDecimal } from './parse-decimal.js';
import { rational, type Rational } from './rational.js';

const d = parseDecimal;

t.test('given values exactly halfway, when rounded half-up, then they go away from zero', async (t) => {
  t.equal(formatRationalHalfUp(d('0.05'), 1), '0.1');
  t.equal(formatRationalHalfUp(d('0.25'), 1), '0.3', 'not banker’s rounding (0.2)');
  t.equal(formatRationalHalfUp(d('0.15'), 1), '0.2', 'where (0.15).toFixed(1) says 0.1');
  t.equal(formatRationalHalfUp(d('1.005'), 2), '1.01', 'where (1.005).toFixed(2) says 1.00');
  t.equal(formatRationalHalfUp(d('99.95'), 1), '100.0', 'the carry reaches the integer part');
  t.equal(formatRationalHalfUp(d('2.5'), 0), '3');
  t.equal(formatRationalHalfUp(rational(-1n, 4n), 1), '-0.3', 'a negative tie goes away from zero too');
});

t.test('given values off the halfway point, when rounded half-up, then they go to the nearer value', async (t) => {
  t.equal(formatRationalHalfUp(d('0.04'), 1), '0.0');
  t.equal(formatRationalHalfUp(d('0.0499999999'), 2), '0.05');
  t.equal(formatRationalHalfUp(d('0.0449999999'), 2), '0.04');
  t.equal(formatRationalHalfUp(rational(1n, 3n), 4), '0.3333');
  t.equal(formatRationalHalfUp(rational(2n, 3n), 2), '0.67');
  t.equal(formatRationalHalfUp(d('99.13'), 0), '99');
});

t.test('given a count of decimals, when formatting, then exactly that many digits follow the point', async (t) => {
  t.equal(formatRationalHalfUp(d('5'), 2), '5.00');
  t.equal(formatRationalHalfUp(d('0.5'), 3), '0.500');
  t.equal(formatRationalHalfUp(d('12.5'), 0), '13', 'no point at zero decimals');
  t.equal(formatRationalHalfUp(rational(1n, 1000n), 3), '0.001');
  t.equal(formatRationalHalfUp(rational(-1n, 100n), 1), '0.0', 'a value that rounds to zero has no sign');
});

t.test('given a count of decimals that is not a non-negative integer, when formatting, then it is a bug', async (t) => {
  for (const decimals of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    t.throws(() => formatRationalHalfUp(d('1'), decimals), RangeError, `${decimals} decimals`);
  }
});

t.test('given a fraction, when written exactly, then it is a decimal only when one exists', async (t) => {
  t.equal(rationalToExactString(d('12.5')), '12.5');
  t.equal(rationalToExactString(rational(427n, 1n)), '427');
  t.equal(rationalToExactString(rational(1n, 8n)), '0.125');
  t.equal(rationalToExactString(rational(-1n, 20n)), '-0.05');
  t.equal(rationalToExactString(rational(0n, 3n)), '0');
  t.equal(rationalToExactString(d('0.0000000001')), '0.0000000001');
  t.equal(rationalToExactString(rational(1n, 3n)), '1/3');
  t.equal(rationalToExactString(rational(-7n, 6n)), '-7/6');
  t.equal(rationalToExactString(rational(613800n, 6192n)), '8525/86', '6,138 of 6,192 as a percent');
});

/**
 * The reference: long division digit by digit, then a carry on the digit
 * string. Half-up needs only the first dropped digit: it is 5 or more
 * exactly when the dropped remainder is at least one half.
 */
function referenceHalfUp(r: Rational, decimals: number): string {
  const negative = r.numerator < 0n;
  let remainder = negative ? -r.numerator : r.numerator;
  const integer = (remainder / r.denominator).toString();
  remainder %= r.denominator;
  let fraction = '';
  for (let i = 0; i <= decimals; i += 1) {
    remainder *= 10n;
    fraction += (remainder / r.denominator).toString();
    remainder %= r.denominator;
  }
  const dropped = fraction.slice(-1);
  const digits = [...(integer + fraction.slice(0, -1))];
  if (dropped >= '5') {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === '9') {
      digits[i] = '0';
      i -= 1;
    }
    if (i < 0) digits.unshift('1');
    else digits[i] = String(Number(digits[i]) + 1);
  }
  const whole = digits.slice(0, digits.length - decimals).join('');
  const text = decimals === 0 ? whole : `${whole}.${digits.slice(digits.length - decimals).join('')}`;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

t.test('property: half-up formatting agrees with a digit-by-digit reference', async (t) => {
  const anyRational = fc.tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 9n })).map(([n, den]) => rational(n, den));
  t.doesNotThrow(() =>
    fc.assert(fc.property(anyRational, fc.integer({ min: 0, max: 12 }), (r, decimals) => formatRationalHalfUp(r, decimals) === referenceHalfUp(r, decimals))),
  );
});

t.test('property: ties (…5 in the first dropped place) always round away from zero', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 8 }), fc.boolean(), (k, decimals, neg) => {
        // (k + 1/2) / 10^decimals is exactly halfway between two printable values.
        const tie = rational((neg ? -1n : 1n) * (2n * k + 1n), 2n * 10n ** BigInt(decimals));
        const expected = formatRationalHalfUp(rational((neg ? -1n : 1n) * (k + 1n), 10n ** BigInt(decimals)), decimals);
        return formatRationalHalfUp(tie, decimals) === expected;
      }),
    ),
  );
});

t.test('property: a decimal string printed with its own number of decimals, or exactly, reads the same', async (t) => {
  const canonical = fc
    .stringMatching(DECIMAL_PATTERN)
    .map((s) => s.replace(/^0+(?=\d)/, ''))
    .map((s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s));
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(canonical, (s) => {
        const decimals = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
        return formatRationalHalfUp(parseDecimal(s), decimals) === s && rationalToExactString(parseDecimal(s)) === s;
      }),
    ),
  );
});
