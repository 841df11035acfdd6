import t from 'tap';
import type { IndicatorDefinition } from '../indicator/indicator-definition.js';
import { PERIODICITIES, type Periodicity } from '../period/index.js';
import { evaluatePlan, UnknownEvaluationMethodError } from './evaluate-plan.js';
import type { Evaluation, IndicatorEvaluation } from './evaluation.js';
import { aPlanLog, type PlanLog } from './plan-log.fixture.js';

const rowOf = (evaluation: Evaluation, code: string): IndicatorEvaluation => {
  const row = evaluation.indicators.find((indicator) => indicator.code === code);
  if (row === undefined) throw new Error(`no row for ${code}`);
  return row;
};

/** One indicator with the given figures, evaluated for one period. */
const evaluateOne = (
  definition: Partial<IndicatorDefinition>,
  figures: ReadonlyArray<readonly [string, string | null, string | null]>,
  reportingPeriod: string,
  options: { decimals?: number } = {},
): IndicatorEvaluation => {
  const log = aPlanLog().register('IND', definition).figures('IND', figures);
  return rowOf(evaluatePlan(log.facts(), reportingPeriod, options), 'IND');
};

t.test('due and not due', async (t) => {
  // One indicator per periodicity, named after it; none has figures, so a due one is "not reported".
  const log = PERIODICITIES.reduce<PlanLog>((log, periodicity) => log.register(periodicity, { periodicity }), aPlanLog());
  const dueIn = (period: string): Record<Periodicity, boolean> => {
    const evaluation = evaluatePlan(log.facts(), period);
    return Object.fromEntries(PERIODICITIES.map((p) => [p, rowOf(evaluation, p).due])) as Record<Periodicity, boolean>;
  };
  const expected: ReadonlyArray<readonly [string, readonly Periodicity[]]> = [
    ['2023-M01', ['monthly']],
    ['2023-Q1', ['monthly', 'bimonthly', 'quarterly']],
    ['2023-M05', ['monthly', 'bimonthly', 'quarterly', 'four-monthly']],
    ['2023-Q2', ['monthly', 'bimonthly', 'quarterly', 'four-monthly', 'semiannual']],
    ['2023-S1', ['monthly', 'bimonthly', 'quarterly', 'four-monthly', 'semiannual']],
    ['2023-Q3', ['monthly', 'bimonthly', 'quarterly', 'four-monthly', 'semiannual']],
    ['2023-Q4', PERIODICITIES],
    ['2023', PERIODICITIES],
  ];
  for (const [period, due] of expected) {
    t.test(`given one indicator of each periodicity, when evaluating ${period}, then only ${due.join(', ')} are due`, async (t) => {
      t.strictSame(dueIn(period), Object.fromEntries(PERIODICITIES.map((p) => [p, due.includes(p)])));
    });
  }

  t.test('given a Q2 evaluation, then annual is not due and four-monthly is due because T1 ended in April', async (t) => {
    const evaluation = evaluatePlan(log.facts(), '2023-Q2');
    const annual = rowOf(evaluation, 'annual');
    t.equal(annual.status, 'not-due');
    t.strictSame(annual.periods, [], 'a not-due indicator lists no periods');
    t.notOk('reasonNotEvaluated' in annual, 'not-due needs no reason: the status is the reason');
    const fourMonthly = rowOf(evaluation, 'four-monthly');
    t.equal(fourMonthly.status, 'not-reported');
    t.strictSame(
      fourMonthly.periods.map((p) => p.period),
      ['2023-T1'],
    );
    t.strictSame(
      rowOf(evaluation, 'bimonthly').periods.map((p) => p.period),
      ['2023-B1', '2023-B2', '2023-B3'],
    );
    t.strictSame(evaluation.window, { fromMonth: 1, toMonth: 6 });
  });

  t.test('given a Q1 evaluation, then semiannual and four-monthly indicators are not due', async (t) => {
    const evaluation = evaluatePlan(log.facts(), '2023-Q1');
    t.equal(rowOf(evaluation, 'semiannual').status, 'not-due');
    t.equal(rowOf(evaluation, 'four-monthly').status, 'not-due');
    t.strictSame(evaluation.byStatus.notDue, ['annual', 'four-monthly', 'semiannual']);
    t.strictSame(evaluation.window, { fromMonth: 1, toMonth: 3 });
  });
});

t.test('year-to-date accumulation', async (t) => {
  t.test('given a count that adds up, when evaluating Q2, then targets and results of Q1 and Q2 are summed', async (t) => {
    const row = evaluateOne(
      { accumulation: 'sum' },
      [
        ['2023-Q1', '100', '90'],
        ['2023-Q2', '100', '100'],
      ],
      '2023-Q2',
    );
    t.equal(row.target, '200');
    t.equal(row.result, '190');
    t.strictSame(row.compliance, { exact: '95', display: '95.0' });
    t.equal(row.status, 'regular');
    t.strictSame(
      row.periods.map((p) => p.counted),
      [true, true],
    );
  });

  t.test('given a stock, when evaluating Q2, then only the latest period is compared', async (t) => {
    const row = evaluateOne(
      { accumulation: 'last' },
      [
        ['2023-Q1', '50', '10'],
        ['2023-Q2', '60', '60'],
      ],
      '2023-Q2',
    );
    t.equal(row.target, '60');
    t.equal(row.result, '60');
    t.equal(row.status, 'good', 'a weak Q1 does not drag a stock down');
    t.strictSame(row.periods, [
      { period: '2023-Q1', target: '50', result: '10', noData: false, counted: false },
      { period: '2023-Q2', target: '60', result: '60', noData: false, counted: true },
    ]);
  });

  t.test('given an average of monthly values, when evaluating Q1, then the exact mean is compared', async (t) => {
    const row = evaluateOne(
      { periodicity: 'monthly', accumulation: 'average' },
      [
        ['2023-M01', '1', '1'],
        ['2023-M02', '1', '1'],
        ['2023-M03', '1', '2'],
      ],
      '2023-Q1',
    );
    t.equal(row.target, '1');
    t.equal(row.result, '4/3', 'kept exact: 1.3333… has no finite decimal');
    t.strictSame(row.compliance, { exact: '400/3', display: '133.3' });
    t.equal(row.status, 'good');
  });

  t.test('given an average where one month misses its result, then the mean is over the months that have both', async (t) => {
    const row = evaluateOne(
      { periodicity: 'monthly', accumulation: 'average' },
      [
        ['2023-M01', '10', '6'],
        ['2023-M02', '20', null],
        ['2023-M03', '10', '10'],
      ],
      '2023-Q1',
    );
    t.equal(row.target, '10', 'the mean of 10 and 10, not of 10, 20 and 10');
    t.equal(row.result, '8');
    t.strictSame(
      row.periods.map((p) => p.counted),
      [true, false, true],
    );
    t.equal(row.status, 'critical', '80 % is below 85 %');
  });

  t.test('given a sum where Q1 was never reported, when evaluating Q2, then Q2 is compared with its own target', async (t) => {
    const row = evaluateOne(
      { accumulation: 'sum' },
      [
        ['2023-Q1', '100', null],
        ['2023-Q2', '100', '100'],
      ],
      '2023-Q2',
    );
    t.equal(row.target, '100', 'the unreported Q1 target is not held against a result that was never given');
    t.equal(row.result, '100');
    t.equal(row.status, 'good');
    t.strictSame(row.periods[0], { period: '2023-Q1', target: '100', result: null, noData: false, counted: false });
  });

  t.test('given a sum where Q1 was "no data", when evaluating Q2, then Q1 is left out and shown as no data', async (t) => {
    const log = aPlanLog()
      .register('IND', { accumulation: 'sum' })
      .figures('IND', [
        ['2023-Q1', '100', null],
        ['2023-Q2', '100', '99'],
      ]);
    log.noData('IND', '2023-Q1');
    const row = rowOf(evaluatePlan(log.facts(), '2023-Q2'), 'IND');
    t.equal(row.status, 'regular', '99 of 100, on Q2 alone');
    t.strictSame(row.periods[0], { period: '2023-Q1', target: '100', result: null, noData: true, counted: false });
  });

  t.test('given a sum where Q1 had a result but no target, then Q1 is left out of both sides', async (t) => {
    const row = evaluateOne(
      { accumulation: 'sum' },
      [
        ['2023-Q1', null, '500'],
        ['2023-Q2', '100', '90'],
      ],
      '2023-Q2',
    );
    t.equal(row.target, '100');
    t.equal(row.result, '90');
    t.equal(row.status, 'regular');
  });

  t.test('given a target revised down after the result, then the revised target is the one compared', async (t) => {
    const log = aPlanLog()
      .register('IND')
      .figures('IND', [['2023-Q1', '100', '90']]);
    t.equal(rowOf(evaluatePlan(log.facts(), '2023-Q1'), 'IND').status, 'regular', '90 of the original 100');
    log.target('IND', '2023-Q1', '90');
    const row = rowOf(evaluatePlan(log.facts(), '2023-Q1'), 'IND');
    t.equal(row.target, '90');
    t.equal(row.status, 'good', '90 of the revised 90 is 100 %');
  });
});

t.test('not reported', async (t) => {
  t.test('given the latest due period has no result, then the indicator is not reported for lack of a result', async (t) => {
    const row = evaluateOne(
      {},
      [
        ['2023-Q1', '100', '100'],
        ['2023-Q2', '100', null],
      ],
      '2023-Q2',
    );
    t.equal(row.status, 'not-reported');
    t.equal(row.reasonNotEvaluated, 'no-result');
    t.equal(row.due, true);
    t.equal(row.target, null);
    t.equal(row.result, null);
    t.equal(row.compliance, null);
    t.strictSame(
      row.periods.map((p) => p.counted),
      [false, false],
      'nothing entered a comparison',
    );
  });

  t.test('given the latest due period was reported as "no data", then the indicator is not reported for no data', async (t) => {
    const log = aPlanLog().register('IND').target('IND', '2023-Q1', '100').noData('IND', '2023-Q1');
    const row = rowOf(evaluatePlan(log.facts(), '2023-Q1'), 'IND');
    t.equal(row.status, 'not-reported');
    t.equal(row.reasonNotEvaluated, 'no-data');
    t.strictSame(row.periods, [{ period: '2023-Q1', target: '100', result: null, noData: true, counted: false }]);
  });

  t.test('given the latest due period has a result but no target, then it is not evaluated for lack of a target', async (t) => {
    const row = evaluateOne({}, [['2023-Q1', null, '100']], '2023-Q1');
    t.equal(row.status, 'not-reported');
    t.equal(row.reasonNotEvaluated, 'no-target');
  });

  t.test('given a not-reported indicator, then it counts as planned and due, not as evaluated, and is listed', async (t) => {
    const log = aPlanLog()
      .register('A')
      .figures('A', [['2023-Q1', '10', '10']])
      .register('B')
      .target('B', '2023-Q1', '10');
    const evaluation = evaluatePlan(log.facts(), '2023-Q1');
    t.strictSame(evaluation.byStatus.notReported, ['B']);
    t.match(evaluation.summary.plan, { planned: 2, due: 2, evaluated: 1, good: 1, notReported: 1 });
  });
});

t.test('compliance and status', async (t) => {
  const higher = (target: string, result: string, options: { decimals?: number } = {}) => evaluateOne({}, [['2023-Q1', target, result]], '2023-Q1', options);
  const lower = (target: string, result: string) =>
    evaluateOne({ polarity: 'lower-is-better', accumulation: 'average', measure: 'days' }, [['2023-Q1', target, result]], '2023-Q1');

  t.test('given the published examples, when evaluated, then they read as the published report', async (t) => {
    const examples = [
      ['6,138 of a 6,192 target', higher('6192', '6138'), '99.1', 'good'],
      ['5,053 of 5,100', higher('5100', '5053'), '99.1', 'good'],
      ['1,282 of 1,314', higher('1314', '1282'), '97.6', 'regular'],
      ['3,089 of 3,725', higher('3725', '3089'), '82.9', 'critical'],
      ['8.2 days against a 10-day target', lower('10', '8.2'), '122.0', 'good'],
      ['delinquency 1.0 against a 4.27 ceiling', lower('4.27', '1.0'), '427.0', 'good'],
      ['0 of 139,826', higher('139826', '0'), '0.0', 'critical'],
    ] as const;
    for (const [story, row, display, status] of examples) {
      t.equal(row.compliance?.display, display, `${story}: ${display} %`);
      t.equal(row.status, status, `${story}: ${status}`);
    }
  });

  t.test('given 6,138 of 6,192 printed without decimals, then it reads "99" and is still good', async (t) => {
    const row = higher('6192', '6138', { decimals: 0 });
    t.strictSame(row.compliance, { exact: '8525/86', display: '99' });
    t.equal(row.decimals, 0);
    t.equal(row.status, 'good', 'decided on 99.127…, not on the printed 99');
  });

  t.test('given an indicator that asks for two decimals, then its compliance is displayed with two', async (t) => {
    const row = evaluateOne({ decimals: 2 }, [['2023-Q1', '6192', '6138']], '2023-Q1', { decimals: 0 });
    t.equal(row.compliance?.display, '99.13', "the indicator's own decimals win over the evaluation's default");
  });

  t.test('given the default scale, when the ratio sits on its boundaries, then 85 and 99 are regular, 99.01 good', async (t) => {
    t.equal(higher('100', '84.99').status, 'critical');
    t.equal(higher('100', '85').status, 'regular');
    t.equal(higher('100', '99').status, 'regular');
    t.equal(higher('10000', '9901').status, 'good');
    t.equal(higher('100', '99.0000000001').status, 'good');
    t.strictSame(higher('100', '85').compliance, { exact: '85', display: '85.0' });
  });

  t.test('given a lower-is-better indicator, then compliance is target over result', async (t) => {
    t.strictSame(lower('10', '12.5').compliance, { exact: '80', display: '80.0' });
    t.equal(lower('10', '12.5').status, 'critical');
  });

  t.test('given zero targets and zero results, then the rules judge without dividing', async (t) => {
    t.match(higher('0', '5'), { status: 'good', compliance: null, target: '0', result: '5' });
    t.match(higher('0', '0'), { status: 'good', compliance: null });
    t.match(lower('0', '0'), { status: 'good', compliance: null });
    t.match(lower('0', '1'), { status: 'critical', compliance: null });
    t.match(lower('10', '0'), { status: 'good', compliance: null });
    t.match(higher('10', '0'), { status: 'critical', compliance: { exact: '0', display: '0.0' } });
  });

  t.test("given the plan's scale was changed, then the evaluation judges with the plan's scale as of the facts", async (t) => {
    const log = aPlanLog()
      .register('IND')
      .figures('IND', [['2023-Q1', '100', '80']]);
    const before = evaluatePlan(log.facts(), '2023-Q1');
    log.plan({ type: 'ChangeEvaluationScale', data: { evaluationScale: { criticalBelow: '70', goodAbove: '95' } } });
    const after = evaluatePlan(log.facts(), '2023-Q1');
    t.equal(rowOf(before, 'IND').status, 'critical');
    t.strictSame(before.evaluationScale, { criticalBelow: '85', goodAbove: '99' });
    t.equal(rowOf(after, 'IND').status, 'regular');
    t.strictSame(after.evaluationScale, { criticalBelow: '70', goodAbove: '95' });
  });
});

t.test('retired indicators', async (t) => {
  t.test('given a retired indicator, then it is not part of the evaluation at all', async (t) => {
    const log = aPlanLog()
      .register('A')
      .figures('A', [['2023-Q1', '10', '1']])
      .register('B')
      .retire('A');
    const evaluation = evaluatePlan(log.facts(), '2023-Q1');
    t.strictSame(
      evaluation.indicators.map((row) => row.code),
      ['B'],
    );
    t.equal(evaluation.summary.plan.planned, 1);
    t.strictSame(evaluation.byStatus.critical, []);
  });
});

t.test('the reporting period', async (t) => {
  const facts = aPlanLog().register('IND').facts();

  t.test('given a period of another year, when evaluating, then it fails as outside the plan year', async (t) => {
    t.throws(() => evaluatePlan(facts, '2022-Q2'), { name: 'DomainError', code: 'PERIOD_OUTSIDE_PLAN_YEAR' });
  });

  t.test('given something that is not a period, when evaluating, then it fails as an invalid period', async (t) => {
    t.throws(() => evaluatePlan(facts, 'junio'), { name: 'DomainError', code: 'INVALID_PERIOD' });
  });

  t.test('given a monthly reporting period, then the evaluation carries its id and its window', async (t) => {
    const evaluation = evaluatePlan(facts, '2023-M05');
    t.equal(evaluation.reportingPeriod, '2023-M05');
    t.strictSame(evaluation.window, { fromMonth: 1, toMonth: 5 });
  });

  t.test('given display decimals that are not a count of digits, then it is a programming error', async (t) => {
    t.throws(() => evaluatePlan(facts, '2023-Q1', { decimals: -1 }), RangeError);
    t.throws(() => evaluatePlan(facts, '2023-Q1', { decimals: 1.5 }), RangeError);
  });
});

t.test('the evaluation method', async (t) => {
  t.test('given a plan opened with v1, then the evaluation says it used v1', async (t) => {
    t.equal(evaluatePlan(aPlanLog().facts(), '2023-Q1').evaluationMethod, 'v1');
  });

  t.test('given a plan recorded with a method this code does not know, when evaluating, then it refuses', async (t) => {
    const facts = aPlanLog().facts();
    const future = { ...facts, plan: { ...facts.plan, evaluationMethod: 'v2' } };
    t.throws(() => evaluatePlan(future, '2023-Q1'), UnknownEvaluationMethodError);
    const inherited = { ...facts, plan: { ...facts.plan, evaluationMethod: 'toString' } };
    t.throws(() => evaluatePlan(inherited, '2023-Q1'), UnknownEvaluationMethodError, 'not fooled by Object.prototype');
  });
});

t.test('order', async (t) => {
  t.test('given indicators registered out of order, then rows and status lists are by code', async (t) => {
    const log = aPlanLog().register('C').register('A').register('B');
    const evaluation = evaluatePlan(log.facts(), '2023-Q1');
    t.strictSame(
      evaluation.indicators.map((row) => row.code),
      ['A', 'B', 'C'],
    );
    t.strictSame(evaluation.byStatus.notReported, ['A', 'B', 'C']);
  });
});
