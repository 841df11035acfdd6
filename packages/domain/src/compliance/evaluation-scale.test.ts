import t from 'tap';
import fc from 'fast-check';
import { compareRational, parseDecimal, rational } from '../decimal/index.js';
import { assertEvaluationScale, DEFAULT_EVALUATION_SCALE, evaluationScaleSchema, statusForPercent } from './evaluation-scale.js';
import { polaritySchema } from './polarity.js';
import { statusSchema } from './status.js';
import { accumulationSchema } from './accumulation.js';

t.test('given the default scale, then it is the one of the seeds: critical below 85, good above 99', async (t) => {
  t.strictSame(DEFAULT_EVALUATION_SCALE, { criticalBelow: '85', goodAbove: '99' });
  t.ok(Object.isFrozen(DEFAULT_EVALUATION_SCALE), 'nobody can change it for everyone');
});

t.test('given percentages around the default bounds, when judged, then the bounds are inclusive for regular', async (t) => {
  const judge = (percent: string) => statusForPercent(parseDecimal(percent), DEFAULT_EVALUATION_SCALE);
  t.equal(judge('0'), 'critical');
  t.equal(judge('84.99'), 'critical');
  t.equal(judge('84.9999999999'), 'critical');
  t.equal(judge('85'), 'regular');
  t.equal(judge('85.00'), 'regular');
  t.equal(judge('97.56'), 'regular');
  t.equal(judge('99'), 'regular');
  t.equal(judge('99.0000000001'), 'good');
  t.equal(judge('99.01'), 'good');
  t.equal(judge('427'), 'good');
  t.equal(statusForPercent(rational(297n, 3n), DEFAULT_EVALUATION_SCALE), 'regular', '297/3 is exactly 99');
  t.equal(statusForPercent(rational(-1n, 1n), DEFAULT_EVALUATION_SCALE), 'critical');
});

t.test('given a scale whose two bounds are equal, when judged, then only that exact value is regular', async (t) => {
  const scale = { criticalBelow: '90', goodAbove: '90.0' };
  t.equal(statusForPercent(parseDecimal('89.9'), scale), 'critical');
  t.equal(statusForPercent(parseDecimal('90'), scale), 'regular');
  t.equal(statusForPercent(parseDecimal('90.1'), scale), 'good');
});

t.test('given valid scales, when validated, then they pass', async (t) => {
  const valid = [DEFAULT_EVALUATION_SCALE, { criticalBelow: '90', goodAbove: '90' }, { criticalBelow: '0', goodAbove: '150.5' }];
  for (const scale of valid) {
    t.doesNotThrow(() => assertEvaluationScale(scale), JSON.stringify(scale));
    t.strictSame(evaluationScaleSchema.parse(scale), scale);
  }
});

t.test('given a scale with criticalBelow above goodAbove, when validated, then INVALID_EVALUATION_SCALE', async (t) => {
  const inverted = { criticalBelow: '99', goodAbove: '85' };
  t.throws(() => assertEvaluationScale(inverted), {
    name: 'DomainError',
    code: 'INVALID_EVALUATION_SCALE',
    details: { issues: [{ path: 'goodAbove', message: 'criticalBelow must not be greater than goodAbove' }] },
  });
  t.throws(() => statusForPercent(parseDecimal('90'), inverted), { code: 'INVALID_EVALUATION_SCALE' });
  const parsed = evaluationScaleSchema.safeParse({ criticalBelow: '85.01', goodAbove: '85.001' });
  t.notOk(parsed.success);
  t.equal(parsed.error?.issues[0]?.message, 'criticalBelow must not be greater than goodAbove');
});

t.test('given a malformed scale, when validated, then INVALID_EVALUATION_SCALE says which field', async (t) => {
  const malformed: ReadonlyArray<readonly [unknown, string]> = [
    [{ criticalBelow: '85%', goodAbove: '99' }, 'criticalBelow'],
    [{ criticalBelow: 85, goodAbove: '99' }, 'criticalBelow'],
    [{ criticalBelow: '85', goodAbove: '-1' }, 'goodAbove'],
    [{ criticalBelow: '85' }, 'goodAbove'],
  ];
  for (const [scale, field] of malformed) {
    t.throws(
      () => assertEvaluationScale(scale),
      { name: 'DomainError', code: 'INVALID_EVALUATION_SCALE', details: { issues: [{ path: field }] } },
      JSON.stringify(scale),
    );
  }
  for (const scale of [null, undefined, '85..99', []]) {
    t.throws(() => assertEvaluationScale(scale), { code: 'INVALID_EVALUATION_SCALE' }, String(scale));
  }
});

t.test('given the enumerations, when parsed, then only their names pass', async (t) => {
  t.equal(polaritySchema.parse('higher-is-better'), 'higher-is-better');
  t.equal(polaritySchema.parse('lower-is-better'), 'lower-is-better');
  t.notOk(polaritySchema.safeParse('higher').success);
  t.strictSame(
    ['good', 'regular', 'critical'].map((s) => statusSchema.parse(s)),
    ['good', 'regular', 'critical'],
  );
  t.notOk(statusSchema.safeParse('not-reported').success, 'not-reported belongs to an evaluation, not a judgment');
  t.strictSame(
    ['sum', 'last', 'average'].map((s) => accumulationSchema.parse(s)),
    ['sum', 'last', 'average'],
  );
  t.notOk(accumulationSchema.safeParse('mean').success);
});

t.test('property: for any ordered scale, statuses are monotonic in the percent', async (t) => {
  const decimal = fc.stringMatching(/^\d{1,3}(\.\d{1,2})?$/);
  const rank = { critical: 0, regular: 1, good: 2 } as const;
  const ordered = (x: string, y: string): [string, string] => (compareRational(parseDecimal(x), parseDecimal(y)) <= 0 ? [x, y] : [y, x]);
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(decimal, decimal, decimal, decimal, (x, y, p, q) => {
        const [criticalBelow, goodAbove] = ordered(x, y);
        const scale = { criticalBelow, goodAbove };
        const [lower, higher] = ordered(p, q);
        return rank[statusForPercent(parseDecimal(lower), scale)] <= rank[statusForPercent(parseDecimal(higher), scale)];
      }),
    ),
  );
});
