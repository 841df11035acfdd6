import t from 'tap';
import fc from 'fast-check';
import { compareRational, multiplyRational, parseDecimal, rational, rationalToExactString, type Rational } from '../decimal/index.js';
import { accumulate, accumulateDecimals } from './accumulate.js';
import { ACCUMULATIONS } from './accumulation.js';
import { formatPercent } from './format-percent.js';

const values = (...decimals: string[]) => decimals.map(parseDecimal);
const exact = (r: Rational | null) => (r === null ? null : rationalToExactString(r));

t.test('given monthly counts, when summed year to date, then the total is exact', async (t) => {
  t.equal(exact(accumulate('sum', values('1200', '1350.5', '0', '1449.5'))), '4000');
  t.equal(exact(accumulate('sum', values('0.1', '0.2'))), '0.3');
});

t.test('given a stock or a rate per period, when taking the last, then the latest period wins', async (t) => {
  t.equal(exact(accumulate('last', values('4.1', '3.9', '4.27'))), '4.27');
  t.equal(exact(accumulate('last', values('7'))), '7');
});

t.test('given averages per period, when averaged, then the mean is exact even when it never terminates', async (t) => {
  t.equal(exact(accumulate('average', values('8.2', '9.8'))), '9');
  t.equal(exact(accumulate('average', values('1', '2'))), '1.5');
  t.equal(exact(accumulate('average', values('1', '1', '2'))), '4/3');
  t.equal(exact(accumulate('average', values('0.1', '0.2', '0.2'))), '1/6');
  t.equal(exact(accumulate('average', values('10', '10', '10', '10', '10', '11'))), '61/6');
  const third = accumulate('average', values('0', '0', '1'));
  t.equal(third && formatPercent(third, 4), '0.3333', 'rounded only when displayed');
});

t.test('given no period with a value, when accumulated, then there is nothing, not zero', async (t) => {
  for (const accumulation of ACCUMULATIONS) t.equal(accumulate(accumulation, []), null, accumulation);
});

t.test('given one value, when accumulated any way, then it is that value', async (t) => {
  for (const accumulation of ACCUMULATIONS) t.equal(exact(accumulate(accumulation, values('12.5'))), '12.5', accumulation);
});

const someValues = fc.array(
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 4n })).map(([n, d]) => rational(n, d)),
  { minLength: 1, maxLength: 12 },
);

t.test('property: the average times the count is the sum, and the sum ignores order', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(someValues, (xs) => {
        const sum = accumulate('sum', xs) as Rational;
        const average = accumulate('average', xs) as Rational;
        return (
          compareRational(multiplyRational(average, rational(BigInt(xs.length), 1n)), sum) === 0 &&
          compareRational(accumulate('sum', [...xs].reverse()) as Rational, sum) === 0 &&
          accumulate('last', xs) === xs[xs.length - 1]
        );
      }),
    ),
  );
});

t.test('property: accumulating decimal strings is accumulating their parsed values, the same fraction field for field', async (t) => {
  const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
  const decimal = fc.tuple(digits(1, 16), fc.option(digits(1, 10), { nil: undefined })).map(([i, f]) => (f === undefined ? i : `${i}.${f}`));
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(fc.constantFrom(...ACCUMULATIONS), fc.array(decimal, { minLength: 1, maxLength: 12 }), (accumulation, texts) => {
        const fast = accumulateDecimals(accumulation, texts) as Rational;
        const reference = accumulate(accumulation, texts.map(parseDecimal)) as Rational;
        return fast.numerator === reference.numerator && fast.denominator === reference.denominator;
      }),
      { numRuns: 1000 },
    ),
  );
  t.equal(accumulateDecimals('sum', []), null, 'nothing is not zero');
});
