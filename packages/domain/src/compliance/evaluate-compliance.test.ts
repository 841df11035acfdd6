import t from 'tap';
import fc from 'fast-check';
import { compareRational, divideRational, HUNDRED, multiplyRational, parseDecimal, rational, rationalToExactString, type Rational } from '../decimal/index.js';
import { DEFAULT_EVALUATION_SCALE, statusForPercent } from './evaluation-scale.js';
import { evaluateCompliance } from './evaluate-compliance.js';
import { formatPercent } from './format-percent.js';
import type { Polarity } from './polarity.js';
import type { Status } from './status.js';

const scale = DEFAULT_EVALUATION_SCALE;
const evaluate = (polarity: Polarity, target: string, result: string) =>
  evaluateCompliance({ polarity, target: parseDecimal(target), result: parseDecimal(result), scale });

t.test('given the examples of a published evaluation, when evaluated on the default scale, then they match it', async (t) => {
  const examples: ReadonlyArray<readonly [string, Polarity, string, string, string, Status]> = [
    ['6,138 of a 6,192 target', 'higher-is-better', '6192', '6138', '99.13', 'good'],
    ['5,053 of 5,100', 'higher-is-better', '5100', '5053', '99.08', 'good'],
    ['1,282 of 1,314', 'higher-is-better', '1314', '1282', '97.56', 'regular'],
    ['3,089 of 3,725', 'higher-is-better', '3725', '3089', '82.93', 'critical'],
    ['8.2 days against a 10-day target', 'lower-is-better', '10', '8.2', '121.95', 'good'],
    ['delinquency 1.0 against a 4.27 ceiling', 'lower-is-better', '4.27', '1.0', '427.00', 'good'],
    ['0 of 139,826', 'higher-is-better', '139826', '0', '0.00', 'critical'],
  ];
  for (const [story, polarity, target, result, percent, status] of examples) {
    const compliance = evaluate(polarity, target, result);
    t.equal(compliance.percent && formatPercent(compliance.percent, 2), percent, `${story}: ${percent} %`);
    t.equal(compliance.status, status, `${story}: ${status}`);
  }
});

t.test('given 6,138 of 6,192, when displayed, then "99.1" at one decimal and "99" at none, still good', async (t) => {
  const { percent, status } = evaluate('higher-is-better', '6192', '6138');
  t.equal(percent && formatPercent(percent), '99.1');
  t.equal(percent && formatPercent(percent, 0), '99');
  t.equal(status, 'good', 'decided on 99.127…, not on the printed 99');
  t.equal(percent && rationalToExactString(percent), '8525/86', 'the percent is kept exact');
});

t.test('given 1.0 against a 4.27 ceiling, when evaluated, then the percent is exactly 427', async (t) => {
  const { percent } = evaluate('lower-is-better', '4.27', '1.0');
  t.equal(percent && rationalToExactString(percent), '427');
});

t.test('given a lower-is-better indicator with a zero result and a positive target, then good with no percent', async (t) => {
  t.strictSame(evaluate('lower-is-better', '10', '0'), { percent: null, status: 'good' });
});

t.test('given a zero target, when higher is better, then good with no percent whatever the result', async (t) => {
  t.strictSame(evaluate('higher-is-better', '0', '0'), { percent: null, status: 'good' });
  t.strictSame(evaluate('higher-is-better', '0', '12'), { percent: null, status: 'good' });
});

t.test('given a zero target, when lower is better, then good only for a zero result, else critical', async (t) => {
  t.strictSame(evaluate('lower-is-better', '0', '0'), { percent: null, status: 'good' });
  t.strictSame(evaluate('lower-is-better', '0.000', '0.0'), { percent: null, status: 'good' });
  t.strictSame(evaluate('lower-is-better', '0', '0.0000000001'), { percent: null, status: 'critical' });
  t.strictSame(evaluate('lower-is-better', '0', '3'), { percent: null, status: 'critical' });
});

t.test('given a zero result, when higher is better, then 0 % and critical (a real ratio, not an edge case)', async (t) => {
  const { percent, status } = evaluate('higher-is-better', '5', '0');
  t.equal(percent && rationalToExactString(percent), '0');
  t.equal(status, 'critical');
});

t.test('given results on the scale boundaries, when evaluated, then the exact ratio decides', async (t) => {
  const cases: ReadonlyArray<readonly [string, string, Status]> = [
    ['85', '100', 'regular'],
    ['99', '100', 'regular'],
    ['99.01', '100', 'good'],
    ['84.99', '100', 'critical'],
    ['99.04', '100', 'good'],
    ['84.96', '100', 'critical'],
    ['17', '20', 'regular'],
    ['3', '3.0303030303', 'good'],
  ];
  for (const [result, target, status] of cases) {
    t.equal(evaluate('higher-is-better', target, result).status, status, `${result} of ${target}`);
  }
  t.equal(formatPercent(parseDecimal('99.04')), '99.0', 'prints like 99 %, yet it is above 99 %: good');
  t.equal(formatPercent(parseDecimal('84.96')), '85.0', 'prints like 85 %, yet it is below 85 %: critical');
});

t.test('given a lower-is-better result exactly at the boundaries, when evaluated, then the same rules apply', async (t) => {
  t.equal(evaluate('lower-is-better', '85', '100').status, 'regular', '85 %');
  t.equal(evaluate('lower-is-better', '99', '100').status, 'regular', '99 %');
  t.equal(evaluate('lower-is-better', '100', '101').status, 'good', '99.0099… % is above 99 %');
  t.equal(evaluate('lower-is-better', '100', '101.1').status, 'regular', '98.91… %');
  t.equal(evaluate('lower-is-better', '100', '100').status, 'good', 'meeting the ceiling exactly is 100 %');
  t.equal(evaluate('lower-is-better', '100', '117.7').status, 'critical', '84.96… %');
});

t.test('given a stricter plan scale, when evaluated, then its bounds decide', async (t) => {
  const strict = { criticalBelow: '95', goodAbove: '100' };
  const judge = (result: string) =>
    evaluateCompliance({
      polarity: 'higher-is-better',
      target: parseDecimal('100'),
      result: parseDecimal(result),
      scale: strict,
    }).status;
  t.equal(judge('90'), 'critical');
  t.equal(judge('100'), 'regular');
  t.equal(judge('100.5'), 'good');
});

t.test('given a scale whose bounds are inverted, when evaluating, then INVALID_EVALUATION_SCALE', async (t) => {
  t.throws(
    () =>
      evaluateCompliance({
        polarity: 'higher-is-better',
        target: parseDecimal('100'),
        result: parseDecimal('90'),
        scale: { criticalBelow: '99', goodAbove: '85' },
      }),
    { name: 'DomainError', code: 'INVALID_EVALUATION_SCALE' },
  );
});

const nonNegative = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n })).map(([n, d]) => rational(n, d));
const smallOrZero = fc.oneof(nonNegative, fc.constant(rational(0n, 1n)));
const polarity = fc.constantFrom<Polarity>('higher-is-better', 'lower-is-better');
const rank: Readonly<Record<Status, number>> = { critical: 0, regular: 1, good: 2 };

t.test('property: any non-negative target and result are judged, never a division error', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(polarity, smallOrZero, smallOrZero, (p, target, result) => {
        const compliance = evaluateCompliance({ polarity: p, target, result, scale });
        return compliance.percent === null || compliance.status === statusForPercent(compliance.percent, scale);
      }),
    ),
  );
});

t.test('property: a better result never gives a worse status', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(polarity, smallOrZero, smallOrZero, smallOrZero, (p, target, a, b) => {
        const [worse, better]: Rational[] = compareRational(a, b) <= 0 === (p === 'higher-is-better') ? [a, b] : [b, a];
        const statusOf = (result: Rational) => evaluateCompliance({ polarity: p, target, result, scale }).status;
        return rank[statusOf(worse as Rational)] <= rank[statusOf(better as Rational)];
      }),
    ),
  );
});

t.test('property: the percent is the ratio times one hundred, the same fraction field for field', async (t) => {
  const positive = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 10n })).map(([n, d]) => rational(n, d));
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(positive, positive, fc.constantFrom<Polarity>('higher-is-better', 'lower-is-better'), (target, result, polarity) => {
        const { percent } = evaluateCompliance({ polarity, target, result, scale });
        const expected =
          polarity === 'higher-is-better'
            ? multiplyRational(divideRational(result, target), HUNDRED)
            : multiplyRational(divideRational(target, result), HUNDRED);
        return percent !== null && percent.numerator === expected.numerator && percent.denominator === expected.denominator;
      }),
      { numRuns: 1000 },
    ),
  );
});
