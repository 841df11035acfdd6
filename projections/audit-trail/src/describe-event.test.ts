import t from 'tap';
import { describeEvent, type KnownBefore, type ResultSnapshot } from './describe-event.js';

const planId = 'upisss-2021';

/** What earlier events told the trail: IE-1 belongs to DSP; its 2021-Q1 result was 45 (45 / 100). */
const known: KnownBefore = {
  unitOf: (_plan, code) => (code === 'IE-1' ? 'DSP' : null),
  resultOf: (_plan, code, period): ResultSnapshot | undefined =>
    code === 'IE-1' && period === '2021-Q1' ? { value: '45', numerator: '45', denominator: '100' } : undefined,
};

t.test('a plan opening lists every field it set, nested values flattened to paths', async (t) => {
  const described = describeEvent(
    {
      type: 'PlanOpened',
      data: {
        planId,
        institutionId: 'upisss',
        fiscalYear: 2021,
        fiscalYearStartMonth: 1,
        name: 'PAT 2021',
        perspectives: [{ code: 'usuarios', name: 'Persona Usuaria' }],
        evaluationScale: { criticalBelow: '85', goodAbove: '99' },
        evaluationMethod: 'v1',
      },
    },
    known,
  );
  t.match(described, { planId, indicatorCode: null, unitCode: null });
  t.same(
    described.changes.map((c) => [c.field, c.before, c.after]),
    [
      ['institutionId', null, 'upisss'],
      ['fiscalYear', null, '2021'],
      ['fiscalYearStartMonth', null, '1'],
      ['name', null, 'PAT 2021'],
      ['perspectives[0].code', null, 'usuarios'],
      ['perspectives[0].name', null, 'Persona Usuaria'],
      ['evaluationScale.criticalBelow', null, '85'],
      ['evaluationScale.goodAbove', null, '99'],
      ['evaluationMethod', null, 'v1'],
    ],
  );
});

t.test('a scale change lists only the bounds that moved', async (t) => {
  const described = describeEvent(
    {
      type: 'EvaluationScaleChanged',
      data: { planId, evaluationScale: { criticalBelow: '80', goodAbove: '99' }, previousEvaluationScale: { criticalBelow: '85', goodAbove: '99' } },
    },
    known,
  );
  t.same(described.changes, [{ field: 'evaluationScale.criticalBelow', before: '85', after: '80' }]);
});

t.test('an amendment of several fields lists each, in definition order; a cleared field becomes null', async (t) => {
  const described = describeEvent(
    {
      type: 'IndicatorAmended',
      // Keys in the order jsonb hands them back, not the definition's.
      data: { planId, code: 'IE-1', changes: { name: 'Nuevo nombre', decimals: null }, previous: { decimals: 2, name: 'Viejo nombre' } },
    },
    known,
  );
  t.same(described.changes, [
    { field: 'name', before: 'Viejo nombre', after: 'Nuevo nombre' },
    { field: 'decimals', before: '2', after: null },
  ]);
  t.match(described, { unitCode: 'DSP', previousUnitCode: null }, 'the unit did not change');
});

t.test('a correction to "no data" withdraws the ratio too', async (t) => {
  const described = describeEvent({ type: 'NoDataReported', data: { planId, code: 'IE-1', period: '2021-Q1', previousValue: '45' } }, known);
  t.same(described.changes, [
    { field: 'result', period: '2021-Q1', before: '45', after: 'no-data' },
    { field: 'numerator', period: '2021-Q1', before: '45', after: null },
    { field: 'denominator', period: '2021-Q1', before: '100', after: null },
  ]);
  t.match(described, { unitCode: 'DSP', period: '2021-Q1', before: '45', after: 'no-data' });
});

t.test('a value reported over "no data" reads no-data before', async (t) => {
  const described = describeEvent({ type: 'ResultCorrected', data: { planId, code: 'IE-2', period: '2021-Q1', value: '7', previousValue: null } }, known);
  t.same(described.changes, [{ field: 'result', period: '2021-Q1', before: 'no-data', after: '7' }]);
});

t.test('an event type the trail does not audit is refused, not guessed at', async (t) => {
  t.throws(() => describeEvent({ type: 'TokenIssued', data: {} }, known), /does not describe TokenIssued/);
});

t.test('a publication names its edition, what it fixed (position, digest, method) and the units still unapproved', async (t) => {
  const described = describeEvent(
    {
      type: 'EvaluationPublished',
      data: {
        planId,
        period: '2021-Q2',
        edition: 2,
        position: '900:1',
        digest: 'a'.repeat(64),
        method: 'v1',
        unapprovedUnits: ['DNGF', 'DSP'],
        reason: 'Corrección de DSP',
      },
    },
    known,
  );
  t.match(described, { planId, indicatorCode: null, unitCode: null, period: '2021-Q2', before: null, after: null });
  t.same(
    described.changes.map((c) => [c.field, c.period, c.before, c.after]),
    [
      ['edition', '2021-Q2', null, '2'],
      ['position', '2021-Q2', null, '900:1'],
      ['digest', '2021-Q2', null, 'a'.repeat(64)],
      ['method', '2021-Q2', null, 'v1'],
      ['unapprovedUnits[0]', '2021-Q2', null, 'DNGF'],
      ['unapprovedUnits[1]', '2021-Q2', null, 'DSP'],
    ],
  );
});

t.test('sign-off events name their unit and period, the status before → after, and the comment or reason', async (t) => {
  const ref = { planId, period: '2021-Q2', unit: 'DSP' };
  const cases: Array<[string, object, Array<[string, string | null, string | null]>]> = [
    [
      'UnitPeriodSubmitted',
      { ...ref, previousStatus: 'returned', comment: 'Corregido' },
      [
        ['signOff', 'returned', 'submitted'],
        ['comment', null, 'Corregido'],
      ],
    ],
    ['UnitPeriodApproved', { ...ref }, [['signOff', 'submitted', 'approved']]],
    [
      'UnitPeriodReturned',
      { ...ref, comment: 'Falta mayo' },
      [
        ['signOff', 'submitted', 'returned'],
        ['comment', null, 'Falta mayo'],
      ],
    ],
    [
      'UnitPeriodUnapproved',
      { ...ref, reason: 'Auditoría' },
      [
        ['signOff', 'approved', 'submitted'],
        ['reason', null, 'Auditoría'],
      ],
    ],
    [
      'UnitPeriodReopened',
      { ...ref, reason: 'Dato tardío', previousStatus: 'approved' },
      [
        ['signOff', 'approved', 'open'],
        ['reopened', null, 'true'],
        ['reason', null, 'Dato tardío'],
      ],
    ],
  ];
  for (const [type, data, changes] of cases) {
    const described = describeEvent({ type, data }, known);
    t.match(described, { planId, indicatorCode: null, unitCode: 'DSP', period: '2021-Q2', before: null, after: null }, type);
    t.same(
      described.changes.map((c) => [c.field, c.before, c.after]),
      changes,
      type,
    );
    t.ok(
      described.changes.every((c) => c.period === '2021-Q2'),
      `${type}: every change names the period`,
    );
  }
});

t.test('a data-entry window set says the periodicity and the days before → after', async (t) => {
  const described = describeEvent({ type: 'DataEntryWindowSet', data: { planId, periodicity: 'monthly', days: 15, previousDays: 10 } }, known);
  t.match(described, { planId, indicatorCode: null, unitCode: null });
  t.same(described.changes, [{ field: 'dataEntryWindow.monthly', before: '10', after: '15' }]);
});

t.test('a reserved justification is told in full with its marks (the trail is for auditors); an unmarked one has no mark rows', async (t) => {
  const action = { action: 'Reasignar casos', owner: 'Jefatura DSP', dueDate: '2021-06-30' };
  const described = describeEvent(
    {
      type: 'JustificationAdded',
      data: {
        planId,
        code: 'IE-1',
        period: '2021-Q1',
        justificationNumber: 2,
        text: 'Proceso judicial en curso',
        reserved: true,
        correctiveActions: [{ ...action, reserved: true }, action],
      },
    },
    known,
  );
  t.same(
    described.changes.map((c) => [c.field, c.after]),
    [
      ['justificationNumber', '2'],
      ['justification', 'Proceso judicial en curso'],
      ['justification.reserved', 'true'],
      ['correctiveActions[0].action', 'Reasignar casos'],
      ['correctiveActions[0].owner', 'Jefatura DSP'],
      ['correctiveActions[0].dueDate', '2021-06-30'],
      ['correctiveActions[0].reserved', 'true'],
      ['correctiveActions[1].action', 'Reasignar casos'],
      ['correctiveActions[1].owner', 'Jefatura DSP'],
      ['correctiveActions[1].dueDate', '2021-06-30'],
    ],
  );
  const unmarked = describeEvent(
    { type: 'JustificationAdded', data: { planId, code: 'IE-1', period: '2021-Q1', justificationNumber: 1, text: 'Sin reserva', correctiveActions: [action] } },
    known,
  );
  t.notOk(
    unmarked.changes.some((c) => c.field.endsWith('reserved')),
    'no mark rows',
  );
});

t.test('a number format choice lists only the fields that moved', async (t) => {
  const described = describeEvent(
    {
      type: 'NumberFormatChosen',
      data: {
        planId,
        numberFormat: { decimalSeparator: ',', thousandsSeparator: '.', percentStyle: 'attached', currencySymbol: '$' },
        previousNumberFormat: { decimalSeparator: '.', thousandsSeparator: ',', percentStyle: 'attached', currencySymbol: '$' },
      },
    },
    known,
  );
  t.same(described.changes, [
    { field: 'numberFormat.decimalSeparator', before: '.', after: ',' },
    { field: 'numberFormat.thousandsSeparator', before: ',', after: '.' },
  ]);
  t.match(described, { planId, indicatorCode: null, unitCode: null });
});

t.test('a result stored with plausibility warnings shows them as one more change; one without shows none', async (t) => {
  const warned = describeEvent(
    {
      type: 'ResultReported',
      data: {
        planId,
        code: 'IE-2',
        period: '2021-Q1',
        value: '120',
        numerator: '6',
        denominator: '4',
        warnings: [
          { rule: 'maximum', level: 'warn', bound: '100' },
          { rule: 'ratioCheck', level: 'warn', expected: '150', scale: '100' },
        ],
      },
    },
    known,
  );
  t.same(
    warned.changes.map((c) => [c.field, c.before, c.after]),
    [
      ['result', null, '120'],
      ['numerator', null, '6'],
      ['denominator', null, '4'],
      ['warnings', null, 'maximum 100; ratioCheck 150'],
    ],
  );
  const plain = describeEvent({ type: 'ResultReported', data: { planId, code: 'IE-2', period: '2021-Q1', value: '99' } }, known);
  t.same(plain.changes, [{ field: 'result', period: '2021-Q1', before: null, after: '99' }]);
});

t.test('plausibility rules set: each rule before → after, the defaults as "default" the first time, then only what moved', async (t) => {
  const first = describeEvent(
    {
      type: 'PlausibilityRulesSet',
      data: { planId, code: 'IE-1', rules: { minimum: { value: '0', level: 'refuse' }, ratioCheck: { scale: '100', level: 'warn' } }, previous: null },
    },
    known,
  );
  t.match(first, { indicatorCode: 'IE-1', unitCode: 'DSP' });
  t.same(first.changes, [
    { field: 'plausibilityRules.minimum', before: 'default', after: '0 (refuse)' },
    { field: 'plausibilityRules.maximum', before: 'default', after: null },
    { field: 'plausibilityRules.ratioCheck', before: 'default', after: '× 100 (warn)' },
  ]);
  const next = describeEvent(
    {
      type: 'PlausibilityRulesSet',
      data: {
        planId,
        code: 'IE-1',
        rules: { minimum: { value: '-10', level: 'refuse' }, ratioCheck: { scale: '100', level: 'warn' } },
        previous: { minimum: { value: '0', level: 'refuse' }, ratioCheck: { scale: '100', level: 'warn' } },
      },
    },
    known,
  );
  t.same(next.changes, [{ field: 'plausibilityRules.minimum', before: '0 (refuse)', after: '-10 (refuse)' }]);
});
