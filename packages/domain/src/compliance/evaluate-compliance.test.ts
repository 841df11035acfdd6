import t from 'tap';
import fc from 'fast-check';
import {
  addRational,
  compareRational,
  divideRational,
  HUNDRED,
  multiplyRational,
  ONE,
  parseDecimal,
  rational,
  rationalToExactString,
  subtractRational,
  ZERO,
  type Rational,
} from '../decimal/index.js';
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

t.test('given a zero target, when higher is better, then good with no percent for any result at or above zero', async (t) => {
  t.strictSame(evaluate('higher-is-better', '0', '0'), { percent: null, status: 'good' });
  t.strictSame(evaluate('higher-is-better', '0', '12'), { percent: null, status: 'good' });
});

t.test('given a zero target, when lower is better, then good only for a zero result, else critical', async (t) => {
  t.strictSame(evaluate('lower-is-better', '0', '0'), { percent: null, status: 'good' });
  t.strictSame(evaluate('lower-is-better', '0.000', '0.0'), { percent: null, status: 'good' });
  t.strictSame(evaluate('lower-is-better', '0', '0.0000000001'), { percent: null, status: 'critical' });
  t.strictSame(evaluate('lower-is-better', '0', '3'), { percent: null, status: 'critical' });
});

t.test('given the financial gaps of DOMAIN.md (a negative target), when higher is better, then the distance from the target in units of |T|', async (t) => {
  const cases: ReadonlyArray<readonly [string, string, string, Status]> = [
    ['a gap of -300,000,000 against -375,123,611', '-300000000', '120.03', 'good'],
    ['a gap of -450,000,000 against -375,123,611', '-450000000', '80.04', 'critical'],
    ['exactly the target', '-375123611', '100.00', 'good'],
    ['a surplus of 375,123,611 (twice |T| above the target)', '375123611', '300.00', 'good'],
    ['twice the gap', '-750247222', '0.00', 'critical'],
  ];
  for (const [story, result, percent, status] of cases) {
    const compliance = evaluate('higher-is-better', '-375123611', result);
    t.equal(compliance.percent && formatPercent(compliance.percent, 2), percent, `${story}: ${percent} %`);
    t.equal(compliance.status, status, `${story}: ${status}`);
  }
  const exact = evaluate('higher-is-better', '-375123611', '-300000000').percent;
  t.equal(exact && rationalToExactString(exact), '45024722200/375123611', '100 × (1 + 75,123,611 / 375,123,611), kept exact');
});

t.test('given a negative target, when lower is better, then 100 × (1 + (T − R) / |T|)', async (t) => {
  t.equal(evaluate('lower-is-better', '-10', '-12').percent && formatPercent(evaluate('lower-is-better', '-10', '-12').percent!, 2), '120.00');
  t.equal(evaluate('lower-is-better', '-10', '-12').status, 'good', 'two below a ceiling of -10');
  t.equal(evaluate('lower-is-better', '-10', '-10').status, 'good', 'exactly the ceiling: 100 %');
  t.equal(evaluate('lower-is-better', '-10', '-9').status, 'regular', '90 %');
  t.equal(evaluate('lower-is-better', '-10', '-8').status, 'critical', '80 %');
  t.strictSame(evaluate('lower-is-better', '-10', '0').percent, rational(0n, 1n), 'zero is one |T| above the ceiling: 0 %');
});

t.test('given a result far behind a negative target, when evaluated, then a negative compliance, critical', async (t) => {
  const { percent, status } = evaluate('higher-is-better', '-2.5', '-10');
  t.equal(percent && rationalToExactString(percent), '-200');
  t.equal(percent && formatPercent(percent), '-200.0', 'displayed with its sign');
  t.equal(status, 'critical');
  t.equal(evaluate('lower-is-better', '-2.5', '5').status, 'critical', '100 × (1 − 7.5 / 2.5) = -200 %');
});

t.test('given a positive target and a negative result, when higher is better, then a negative compliance, critical', async (t) => {
  const { percent, status } = evaluate('higher-is-better', '4', '-1');
  t.equal(percent && rationalToExactString(percent), '-25');
  t.equal(status, 'critical');
});

t.test('given a positive target, when lower is better and the result is at or below zero, then good with no percent', async (t) => {
  t.strictSame(evaluate('lower-is-better', '10', '-0.5'), { percent: null, status: 'good' });
  t.strictSame(evaluate('lower-is-better', '10', '-375123611'), { percent: null, status: 'good' });
});

t.test('given a zero target and a negative result, then critical when higher is better, good when lower is', async (t) => {
  t.strictSame(evaluate('higher-is-better', '0', '-0.0000000001'), { percent: null, status: 'critical' });
  t.strictSame(evaluate('higher-is-better', '0', '-12'), { percent: null, status: 'critical' });
  t.strictSame(evaluate('lower-is-better', '0', '-12'), { percent: null, status: 'good' });
  t.strictSame(evaluate('lower-is-better', '0.00', '-0.0000000001'), { percent: null, status: 'good' });
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
const signed = fc.oneof(
  smallOrZero,
  nonNegative.map((r) => rational(-r.numerator, r.denominator)),
);
const polarity = fc.constantFrom<Polarity>('higher-is-better', 'lower-is-better');
const rank: Readonly<Record<Status, number>> = { critical: 0, regular: 1, good: 2 };
const canonical = ({ percent, status }: { percent: Rational | null; status: string }) =>
  `${percent === null ? 'null' : `${percent.numerator}/${percent.denominator}`} ${status}`;

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

t.test('property: any signed target and result are judged, never a division error, a negative percent always critical', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(polarity, signed, signed, (p, target, result) => {
        const { percent, status } = evaluateCompliance({ polarity: p, target, result, scale });
        if (percent === null) return status === 'good' || status === 'critical';
        return compareRational(percent, ZERO) < 0 ? status === 'critical' : status === statusForPercent(percent, scale);
      }),
      { numRuns: 1000 },
    ),
  );
});

t.test('property: for non-negative values, the rules from before signed values (no earlier answer changes)', async (t) => {
  // The rules as they were written when values could not be negative.
  const before = (p: Polarity, target: Rational, result: Rational) => {
    if (p === 'higher-is-better') {
      if (target.numerator === 0n) return { percent: null, status: 'good' };
      const percent = multiplyRational(divideRational(result, target), HUNDRED);
      return { percent, status: statusForPercent(percent, scale) };
    }
    if (target.numerator === 0n) return { percent: null, status: result.numerator === 0n ? 'good' : 'critical' };
    if (result.numerator === 0n) return { percent: null, status: 'good' };
    const percent = multiplyRational(divideRational(target, result), HUNDRED);
    return { percent, status: statusForPercent(percent, scale) };
  };
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(polarity, smallOrZero, smallOrZero, (p, target, result) => {
        const now = evaluateCompliance({ polarity: p, target, result, scale });
        return canonical(now) === canonical(before(p, target, result));
      }),
      { numRuns: 1000 },
    ),
  );
});

t.test('property: a negative target is the distance from it in units of |T|, both polarities', async (t) => {
  const negative = nonNegative.filter((r) => r.numerator > 0n).map((r) => rational(-r.numerator, r.denominator));
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(polarity, negative, signed, (p, target, result) => {
        const { percent } = evaluateCompliance({ polarity: p, target, result, scale });
        const magnitude = rational(-target.numerator, target.denominator);
        const ahead = p === 'higher-is-better' ? subtractRational(result, target) : subtractRational(target, result);
        const expected = multiplyRational(HUNDRED, addRational(ONE, divideRational(ahead, magnitude)));
        return percent !== null && compareRational(percent, expected) === 0;
      }),
      { numRuns: 1000 },
    ),
  );
});

t.test('property: a better result never gives a worse status, signed values too', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(polarity, signed, signed, signed, (p, target, a, b) => {
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
