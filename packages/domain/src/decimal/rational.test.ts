import t from 'tap';
import fc from 'fast-check';
import {
  addRational,
  compareRational,
  divideRational,
  HUNDRED,
  isZero,
  multiplyRational,
  ONE,
  rational,
  subtractRational,
  ZERO,
  type Rational,
} from './rational.js';
import { decimalEquals, parseDecimal } from './parse-decimal.js';

const r = (n: bigint, d = 1n): Rational => rational(n, d);

t.test('given a fraction written any way, when built, then it is reduced with a positive denominator', async (t) => {
  t.strictSame(r(6n, 4n), { numerator: 3n, denominator: 2n });
  t.strictSame(r(3n, -6n), { numerator: -1n, denominator: 2n });
  t.strictSame(r(-3n, -6n), { numerator: 1n, denominator: 2n });
  t.strictSame(r(0n, -7n), ZERO, 'every zero is the same zero');
  t.strictSame(r(200n, 2n), HUNDRED);
  t.strictSame(r(5n, 5n), ONE);
});

t.test('given a zero denominator, when building a fraction, then it is a DIVISION_BY_ZERO domain error', async (t) => {
  t.throws(() => rational(1n, 0n), { name: 'DomainError', code: 'DIVISION_BY_ZERO' });
});

t.test('given decimal strings, when parsed, then they become exact fractions', async (t) => {
  t.strictSame(parseDecimal('12.5'), { numerator: 25n, denominator: 2n });
  t.strictSame(parseDecimal('0.10'), { numerator: 1n, denominator: 10n });
  t.strictSame(parseDecimal('0'), ZERO);
  t.strictSame(parseDecimal('0.000'), ZERO);
  t.strictSame(parseDecimal('007'), { numerator: 7n, denominator: 1n });
  t.strictSame(parseDecimal('99999999999999999999.9999999999'), {
    numerator: 999999999999999999999999999999n,
    denominator: 10000000000n,
  });
});

t.test('given negative decimal strings, when parsed, then the sign goes with the numerator', async (t) => {
  t.strictSame(parseDecimal('-12.5'), { numerator: -25n, denominator: 2n });
  t.strictSame(parseDecimal('-0.5'), { numerator: -1n, denominator: 2n });
  t.strictSame(parseDecimal('-375123611'), { numerator: -375123611n, denominator: 1n });
  t.strictSame(parseDecimal('-0.0000000001'), { numerator: -1n, denominator: 10000000000n });
});

t.test('given a malformed decimal, when parsed, then MALFORMED_DECIMAL names the value', async (t) => {
  for (const value of ['', '+1', '--1', '-0', '- 1', '1e3', '.5', '5.', '12,5', ' 1']) {
    t.throws(() => parseDecimal(value), { name: 'DomainError', code: 'MALFORMED_DECIMAL', details: { value } });
  }
  t.throws(() => parseDecimal(12.5 as unknown as string), { code: 'MALFORMED_DECIMAL', details: { value: 12.5 } });
});

t.test('given 0.1 and 0.2, when added exactly, then the sum is 0.3 (floats say 0.30000000000000004)', async (t) => {
  t.not(0.1 + 0.2, 0.3, 'the float trap this module exists to avoid');
  t.equal(compareRational(addRational(parseDecimal('0.1'), parseDecimal('0.2')), parseDecimal('0.3')), 0);
});

t.test('given two fractions, when combined, then each operation is exact', async (t) => {
  const half = r(1n, 2n);
  const third = r(1n, 3n);
  t.strictSame(addRational(half, third), r(5n, 6n));
  t.strictSame(subtractRational(third, half), r(-1n, 6n));
  t.strictSame(multiplyRational(half, third), r(1n, 6n));
  t.strictSame(divideRational(half, third), r(3n, 2n));
  t.strictSame(divideRational(r(-1n, 2n), r(-1n, 4n)), r(2n));
});

t.test('given a zero divisor, when dividing, then it is a DIVISION_BY_ZERO domain error', async (t) => {
  t.throws(() => divideRational(ONE, ZERO), { name: 'DomainError', code: 'DIVISION_BY_ZERO' });
});

t.test('given fractions, when compared, then the order is numeric, not by fields', async (t) => {
  t.equal(compareRational(r(1n, 3n), r(1n, 2n)), -1);
  t.equal(compareRational(r(1n, 2n), r(1n, 3n)), 1);
  t.equal(compareRational(r(2n, 4n), r(1n, 2n)), 0);
  t.equal(compareRational(r(-1n, 2n), r(1n, 3n)), -1);
  t.ok(isZero(subtractRational(HUNDRED, r(100n))));
  t.notOk(isZero(r(1n, 10n ** 30n)));
});

t.test('given two spellings of one value, when compared as decimals, then they are equal', async (t) => {
  t.ok(decimalEquals('1.50', '1.5'));
  t.ok(decimalEquals('0', '0.000'));
  t.ok(decimalEquals('007', '7.0'));
  t.notOk(decimalEquals('1', '1.0000000001'));
  t.throws(() => decimalEquals('1', '1.'), { code: 'MALFORMED_DECIMAL' });
});

const anyRational = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }))
  .filter(([, d]) => d !== 0n)
  .map(([n, d]) => rational(n, d));
const nonZeroRational = anyRational.filter((x) => !isZero(x));

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

t.test('property: every result of arithmetic is in canonical form', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(anyRational, nonZeroRational, (a, b) =>
        [addRational(a, b), subtractRational(a, b), multiplyRational(a, b), divideRational(a, b)].every(
          (x) => x.denominator > 0n && gcd(x.numerator, x.denominator) === 1n && (x.numerator !== 0n || x.denominator === 1n),
        ),
      ),
    ),
  );
});

t.test('property: addition and multiplication are commutative and associative, and distribute', async (t) => {
  const same = (x: Rational, y: Rational) => x.numerator === y.numerator && x.denominator === y.denominator;
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(
        anyRational,
        anyRational,
        anyRational,
        (a, b, c) =>
          same(addRational(a, b), addRational(b, a)) &&
          same(multiplyRational(a, b), multiplyRational(b, a)) &&
          same(addRational(addRational(a, b), c), addRational(a, addRational(b, c))) &&
          same(multiplyRational(multiplyRational(a, b), c), multiplyRational(a, multiplyRational(b, c))) &&
          same(multiplyRational(a, addRational(b, c)), addRational(multiplyRational(a, b), multiplyRational(a, c))),
      ),
    ),
  );
});

t.test('property: a / b * b = a and a - b + b = a', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(
        anyRational,
        nonZeroRational,
        (a, b) => compareRational(multiplyRational(divideRational(a, b), b), a) === 0 && compareRational(addRational(subtractRational(a, b), b), a) === 0,
      ),
    ),
  );
});

t.test('property: compareRational is a total order that agrees with the sign of the difference', async (t) => {
  const sign = (x: Rational) => (x.numerator < 0n ? -1 : x.numerator > 0n ? 1 : 0);
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(anyRational, anyRational, anyRational, (a, b, c) => {
        const ab = compareRational(a, b);
        if (compareRational(a, a) !== 0) return false;
        if (ab !== -compareRational(b, a)) return false;
        if (ab !== sign(subtractRational(a, b))) return false;
        if ((ab === 0) !== (a.numerator === b.numerator && a.denominator === b.denominator)) return false;
        if (ab <= 0 && compareRational(b, c) <= 0 && compareRational(a, c) > 0) return false;
        return true;
      }),
    ),
  );
});

t.test('property: parseDecimal gives the reduced fraction digits / 10^decimals, for short and long decimals', async (t) => {
  const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
  const decimalText = fc.tuple(digits(1, 20), fc.option(digits(1, 10), { nil: undefined })).map(([i, f]) => (f === undefined ? i : `${i}.${f}`));
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(decimalText, (text) => {
        const [integer = '', fraction = ''] = text.split('.');
        const expected = rational(BigInt(integer + fraction), 10n ** BigInt(fraction.length));
        const actual = parseDecimal(text);
        return actual.numerator === expected.numerator && actual.denominator === expected.denominator;
      }),
      { numRuns: 2000 },
    ),
  );
  t.equal(parseDecimal('0.00'), ZERO, 'a zero is the shared zero');
  t.strictSame(parseDecimal('999999999999999.5'), { numerator: 1999999999999999n, denominator: 2n }, 'sixteen digits, beyond what a double holds exactly');
});
