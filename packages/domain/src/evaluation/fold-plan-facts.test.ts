import t from 'tap';
import { foldPlanFacts, type PlanLogEvent } from './fold-plan-facts.js';
import { aDefinition, aPlanLog } from './plan-log.fixture.js';

t.test('given no events, when folded, then there is no plan', async (t) => {
  t.equal(foldPlanFacts([]), null);
});

t.test('given only the plan stream, when folded, then the plan is known and has no indicators', async (t) => {
  const facts = foldPlanFacts(aPlanLog().unit('DIV').events);
  t.equal(facts?.plan.planId, 'upisss-2023');
  t.equal(facts?.plan.evaluationMethod, 'v1');
  t.strictSame(Object.keys(facts?.plan.units ?? {}), ['DIR', 'DIV']);
  t.strictSame(facts?.indicators, []);
});

t.test('given a history of targets, results and justifications, when folded, then the facts are the current ones', async (t) => {
  const log = aPlanLog()
    .register('B')
    .register('A', { periodicity: 'monthly' })
    .target('A', '2023-M01', '10')
    .target('A', '2023-M01', '12')
    .result('A', '2023-M01', '9')
    .noData('A', '2023-M02')
    .result('A', '2023-M02', '11')
    .result('A', '2023-M03', '7')
    .noData('A', '2023-M03')
    .justify('A', '2023-M03', 'Sin sistema', [{ action: 'Restablecer', owner: 'TI', dueDate: '2023-04-30' }])
    .retire('B');
  const facts = foldPlanFacts(log.events);
  const [a, b] = facts?.indicators ?? [];

  t.strictSame(
    facts?.indicators.map((i) => i.code),
    ['A', 'B'],
    'sorted by code, not by registration',
  );
  t.equal(a?.status, 'active');
  t.equal(b?.status, 'retired', 'a retired indicator is still a fact; the evaluation leaves it out');
  t.strictSame(a?.definition, aDefinition({ periodicity: 'monthly' }));
  t.strictSame(a?.targets, { '2023-M01': '12' }, 'the revised target');
  t.strictSame(a?.results, {
    '2023-M01': { kind: 'value', value: '9' },
    '2023-M02': { kind: 'value', value: '11' },
    '2023-M03': { kind: 'no-data' },
  });
  const justification = log.events.findIndex((e) => e.type === 'JustificationAdded');
  t.strictSame(a?.justifications, [
    {
      period: '2023-M03',
      justificationNumber: 1,
      text: 'Sin sistema',
      correctiveActions: [{ action: 'Restablecer', owner: 'TI', dueDate: '2023-04-30' }],
      recordedAt: log.events[justification]?.metadata.recordedAt,
      actorId: 'unit-head',
    },
  ]);
});

t.test('given any log built through the deciders, when folded, then it agrees with the deciders own state', async (t) => {
  const log = aPlanLog()
    .register('X', { periodicity: 'bimonthly' })
    .figures('X', [
      ['2023-B1', '5', '4'],
      ['2023-B2', '5', null],
    ])
    .indicator({ type: 'AmendIndicator', data: { code: 'X', changes: { name: 'Renombrado', decimals: 2 } } });
  const state = log.indicatorState('X');
  const [x] = foldPlanFacts(log.events)?.indicators ?? [];
  t.ok(state.status === 'active');
  if (state.status !== 'active') return;
  t.strictSame(x?.definition, state.definition);
  t.strictSame(x?.targets, state.targets);
  t.strictSame(x?.results, state.results);
  t.strictSame(foldPlanFacts(log.events)?.plan, log.planState());
});

t.test('given the log as of an earlier position, when folded, then it answers as of then', async (t) => {
  const log = aPlanLog().register('A').target('A', '2023-Q1', '10');
  const before = log.events.length;
  log.target('A', '2023-Q1', '20');
  t.strictSame(foldPlanFacts(log.events.slice(0, before))?.indicators[0]?.targets, { '2023-Q1': '10' });
  t.strictSame(foldPlanFacts(log.events)?.indicators[0]?.targets, { '2023-Q1': '20' });
});

t.test('given an event type the evaluation does not know, when folded, then it is skipped', async (t) => {
  const log = aPlanLog().register('A');
  const published: PlanLogEvent = {
    type: 'EvaluationPublished',
    data: { anything: true },
    metadata: { recordedAt: '2023-07-01T00:00:00.000Z', actor: { id: 'auditor' } },
  };
  t.strictSame(foldPlanFacts([...log.events, published]), foldPlanFacts(log.events));
});

t.test('given a known event whose data has another shape, when folded, then it refuses to guess', async (t) => {
  const log = aPlanLog().register('A');
  const broken: PlanLogEvent = {
    type: 'TargetSet',
    data: { planId: 'upisss-2023', code: 'A', period: '2023-Q1', value: 12 },
    metadata: { recordedAt: '2023-07-01T00:00:00.000Z', actor: { id: 'x' } },
  };
  t.throws(() => foldPlanFacts([...log.events, broken]), /TargetSet event in the log does not have the shape/);
});

t.test('given an event of another plan, when folded, then it refuses to mix plans', async (t) => {
  const log = aPlanLog().register('A');
  const other = aPlanLog({ fiscalYear: 2024 }).register('A').target('A', '2024-Q1', '1');
  t.throws(() => foldPlanFacts([...log.events, ...other.events.slice(-1)]), /of plan upisss-2024 is in the log of plan upisss-2023/);
});

t.test('given indicator events without their plan, when folded, then it refuses', async (t) => {
  const log = aPlanLog().register('A');
  t.throws(() => foldPlanFacts(log.events.slice(2)), /before its plan was opened/);
});
