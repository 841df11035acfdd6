import t from 'tap';
import { evaluatePlan } from '../evaluation/evaluate-plan.js';
import { aPlanLog } from '../evaluation/plan-log.fixture.js';
import { foldPlanFacts } from '../evaluation/fold-plan-facts.js';
import { evaluationDifference } from './evaluation-difference.js';

/** A plan with a unit below DIR and three quarterly indicators across both perspectives, judged for Q1. */
function given() {
  const log = aPlanLog();
  log.unit('DSP', 'DIR');
  log.register('B-2', { perspective: 'financiera', unit: 'DIR' });
  log.register('A-1', { perspective: 'financiera', unit: 'DSP' });
  log.register('C-3', { perspective: 'usuarios', unit: 'DSP' });
  log.figures('A-1', [['2023-Q1', '100', '50']]);
  log.figures('B-2', [['2023-Q1', '100', '100']]);
  log.figures('C-3', [['2023-Q1', '100', '90']]);
  const at = () => evaluatePlan(foldPlanFacts(log.events)!, '2023-Q1');
  return { log, at };
}

t.test('the same evaluation on both sides: an explicit empty difference, the counts on either side', async (t) => {
  const { at } = given();
  const d = evaluationDifference(at(), at());
  t.same(d, { empty: true, indicators: [], plan: [], summary: { before: at().summary.plan, after: at().summary.plan } });
});

t.test('a corrected result: the indicator, what changed, its figures before and after', async (t) => {
  const { log, at } = given();
  const before = at();
  log.indicator({ type: 'ReportResult', data: { code: 'A-1', period: '2023-Q1', value: '99.5', reason: 'Error de digitación' } });
  const d = evaluationDifference(before, at());
  t.equal(d.empty, false);
  t.same(
    d.indicators.map((i) => [i.code, i.changed]),
    [['A-1', ['result', 'compliance', 'status', 'periods']]],
  );
  t.match(d.indicators[0], {
    perspective: 'financiera',
    perspectiveName: 'Financiera',
    unit: 'DSP',
    before: { target: '100', result: '50', status: 'critical', compliance: { exact: '50' } },
    after: { target: '100', result: '99.5', status: 'good' },
  });
  t.not(d.summary.before.critical, d.summary.after.critical);
});

t.test('a justification of a critical indicator is a change of that indicator, figures unchanged', async (t) => {
  const { log, at } = given();
  const before = at();
  log.justify('A-1', '2023-Q1', 'Falta de personal');
  const d = evaluationDifference(before, at());
  t.same(
    d.indicators.map((i) => [i.code, i.changed]),
    [['A-1', ['justifications']]],
  );
  t.same(d.indicators[0]?.before, d.indicators[0]?.after);
});

t.test('ordered by perspective in plan order, then unit, then code; an indicator registered later has no before', async (t) => {
  const { log, at } = given();
  const before = at();
  log.register('D-4', { perspective: 'usuarios', unit: 'DIR' });
  for (const code of ['A-1', 'B-2', 'C-3']) log.indicator({ type: 'ReportResult', data: { code, period: '2023-Q1', value: '70', reason: 'Revisado' } });
  const d = evaluationDifference(before, at());
  t.same(
    d.indicators.map((i) => `${i.perspective}/${i.unit}/${i.code}`),
    ['usuarios/DIR/D-4', 'usuarios/DSP/C-3', 'financiera/DIR/B-2', 'financiera/DSP/A-1'],
  );
  t.equal(d.indicators[0]?.before, null);
  t.same(d.indicators[0]?.changed, ['target', 'result', 'compliance', 'status']);
});

t.test('a change of scale is a change of the plan, and of every status it moves', async (t) => {
  const { log, at } = given();
  const before = at();
  log.plan({ type: 'ChangeEvaluationScale', data: { evaluationScale: { criticalBelow: '40', goodAbove: '85' } } });
  const d = evaluationDifference(before, at());
  t.same(d.plan, ['evaluationScale']);
  t.same(
    d.indicators.map((i) => [i.code, i.changed]),
    [
      ['C-3', ['status']],
      ['A-1', ['status']],
    ],
  );
});
