import t from 'tap';
import { evaluatePlan } from './evaluate-plan.js';
import { aPlanLog } from './plan-log.fixture.js';

/**
 * A three-level hierarchy, DIV (division) → UNI (unit) → DEP (department),
 * beside a second division OTRA, evaluated for 2023-Q1:
 *   DIV  d-good (good)
 *   UNI  u-regular (regular), u-critical (critical, production)
 *   DEP  p-good (good, production), p-missing (not reported), p-annual (not due)
 *   OTRA o-critical (critical, perspective financiera)
 */
const log = aPlanLog()
  .unit('DIV')
  .unit('UNI', 'DIV')
  .unit('DEP', 'UNI')
  .unit('OTRA')
  .register('d-good', { unit: 'DIV' })
  .figures('d-good', [['2023-Q1', '100', '100']])
  .register('u-regular', { unit: 'UNI' })
  .figures('u-regular', [['2023-Q1', '100', '90']])
  .register('u-critical', { unit: 'UNI', kind: 'production' })
  .figures('u-critical', [['2023-Q1', '100', '10']])
  .register('p-good', { unit: 'DEP', kind: 'production' })
  .figures('p-good', [['2023-Q1', '100', '120']])
  .register('p-missing', { unit: 'DEP' })
  .target('p-missing', '2023-Q1', '100')
  .register('p-annual', { unit: 'DEP', periodicity: 'annual' })
  .register('o-critical', { unit: 'OTRA', perspective: 'financiera' })
  .figures('o-critical', [['2023-Q1', '100', '50']])
  .register('retired', { unit: 'DEP' })
  .retire('retired');
const evaluation = evaluatePlan(log.facts(), '2023-Q1');
const unit = (code: string) => evaluation.summary.byUnit.find((u) => u.code === code);

t.test('given a three-level hierarchy, when summarised by unit, then each unit counts itself and everything below', async (t) => {
  t.match(unit('DEP'), { parentCode: 'UNI', planned: 3, due: 2, evaluated: 1, good: 1, regular: 0, critical: 0, notReported: 1 });
  t.match(unit('UNI'), { parentCode: 'DIV', planned: 5, due: 4, evaluated: 3, good: 1, regular: 1, critical: 1, notReported: 1 });
  t.match(unit('DIV'), { parentCode: null, planned: 6, due: 5, evaluated: 4, good: 2, regular: 1, critical: 1, notReported: 1 });
  t.match(unit('OTRA'), { parentCode: null, planned: 1, due: 1, evaluated: 1, critical: 1 });
  t.match(unit('DIR'), { planned: 0, due: 0, evaluated: 0, goodShare: null, regularShare: null, criticalShare: null });
  t.strictSame(
    evaluation.summary.byUnit.map((u) => u.code),
    ['DEP', 'DIR', 'DIV', 'OTRA', 'UNI'],
    'units by code',
  );
});

t.test('given the same plan, when summarised, then shares are exact percentages of the evaluated ones', async (t) => {
  t.strictSame(
    [unit('UNI')?.goodShare, unit('UNI')?.regularShare, unit('UNI')?.criticalShare],
    [
      { exact: '100/3', display: '33.3' },
      { exact: '100/3', display: '33.3' },
      { exact: '100/3', display: '33.3' },
    ],
    'a third each, kept exact',
  );
  t.strictSame(unit('DIV')?.goodShare, { exact: '50', display: '50.0' });
  t.strictSame(unit('DEP')?.goodShare, { exact: '100', display: '100.0' }, 'the not-reported one is not in the denominator');
});

t.test('given the same plan, when summarised for the whole plan, then retired indicators are not counted', async (t) => {
  t.strictSame(evaluation.summary.plan, {
    planned: 7,
    due: 6,
    evaluated: 5,
    good: 2,
    regular: 1,
    critical: 2,
    notReported: 1,
    goodShare: { exact: '40', display: '40.0' },
    regularShare: { exact: '20', display: '20.0' },
    criticalShare: { exact: '40', display: '40.0' },
  });
});

t.test('given the same plan, when summarised by perspective, then perspectives keep the plan order', async (t) => {
  t.strictSame(
    evaluation.summary.byPerspective.map(({ code, name, planned, evaluated, critical }) => ({ code, name, planned, evaluated, critical })),
    [
      { code: 'usuarios', name: 'Persona Usuaria', planned: 6, evaluated: 4, critical: 1 },
      { code: 'financiera', name: 'Financiera', planned: 1, evaluated: 1, critical: 1 },
    ],
  );
});

t.test('given a perspective with no indicators, when summarised, then its counts are zero and its shares null', async (t) => {
  const empty = evaluatePlan(
    aPlanLog({
      perspectives: [
        { code: 'usuarios', name: 'Persona Usuaria' },
        { code: 'vacia', name: 'Sin indicadores' },
      ],
    }).facts(),
    '2023-Q1',
  );
  t.match(empty.summary.byPerspective[1], { code: 'vacia', planned: 0, evaluated: 0, goodShare: null });
});

t.test('given the same plan, when summarised by kind, then results and productions are counted apart', async (t) => {
  t.match(evaluation.summary.byKind, [
    { kind: 'result', planned: 5, due: 4, evaluated: 3, good: 1, regular: 1, critical: 1 },
    { kind: 'production', planned: 2, due: 2, evaluated: 2, good: 1, critical: 1 },
  ]);
});

t.test('given the same plan, then the closing table reads measured, reached target and % good per kind and in total', async (t) => {
  t.strictSame(evaluation.closingTable, [
    { kind: 'result', measured: 3, reachedTarget: 1, goodShare: { exact: '100/3', display: '33.3' } },
    { kind: 'production', measured: 2, reachedTarget: 1, goodShare: { exact: '50', display: '50.0' } },
    { kind: 'total', measured: 5, reachedTarget: 2, goodShare: { exact: '40', display: '40.0' } },
  ]);
});

t.test('given display decimals of 2, then shares are displayed with two decimals and stay exact', async (t) => {
  const precise = evaluatePlan(log.facts(), '2023-Q1', { decimals: 2 });
  t.strictSame(precise.summary.byUnit.find((u) => u.code === 'UNI')?.goodShare, { exact: '100/3', display: '33.33' });
});

t.test('given the same plan, then the indicators are grouped by status', async (t) => {
  t.strictSame(evaluation.byStatus, {
    good: ['d-good', 'p-good'],
    regular: ['u-regular'],
    critical: ['o-critical', 'u-critical'],
    notReported: ['p-missing'],
    notDue: ['p-annual'],
  });
});
