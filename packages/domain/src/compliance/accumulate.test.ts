import t from 'tap';
import fc from 'fast-check';
import {
  addRational,
  compareRational,
  divideRational,
  ZERO,
  multiplyRational,
  parseDecimal,
  rational,
  rationalToExactString,
  type Rational,
} from '../decimal/index.js';
import { accumulate } from './accumulate.js';
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

t.test('property: sum and average equal adding one value at a time, reduced at every step', async (t) => {
  const anyValues = fc.array(
    fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.constantFrom(1n, 2n, 4n, 5n, 10n, 3n, 10n ** 10n, 7n)).map(([n, d]) => rational(n, d)),
    { minLength: 1, maxLength: 12 },
  );
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(anyValues, (xs) => {
        const stepwise = xs.reduce(addRational, ZERO);
        const average = divideRational(stepwise, rational(BigInt(xs.length), 1n));
        const sum = accumulate('sum', xs) as Rational;
        const mean = accumulate('average', xs) as Rational;
        return (
          sum.numerator === stepwise.numerator && sum.denominator === stepwise.denominator &&
          mean.numerator === average.numerator && mean.denominator === average.denominator
        );
      }),
      { numRuns: 1000 },
    ),
  );
});
