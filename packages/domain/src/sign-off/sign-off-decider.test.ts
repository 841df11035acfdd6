import t from 'tap';
import type { PlanEvent } from '../plan/plan-events.js';
import { evolvePlan, initialPlanState } from '../plan/plan-state.js';
import { deciderSpec } from '../shared/decider-spec.js';
import type { DomainError } from '../shared/domain-error.js';
import type { SignOffCommand } from './sign-off-commands.js';
import { decideSignOff, descendantsOf } from './sign-off-decider.js';
import type { SignOffEvent } from './sign-off-events.js';
import { evolveSignOff, initialSignOffState, statusOf, type SignOffState } from './sign-off-state.js';
import type { OpenPlanState } from '../plan/plan-state.js';
import { unapprovedUnits } from './unapproved-units.js';

const planId = 'upisss-2021';
// A division (DG) with two units below it, one of which has a department (DSP-J).
const planEvents: PlanEvent[] = [
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
  { type: 'UnitDefined', data: { planId, code: 'DG', name: 'Dirección General', parentCode: null, areaClass: 'administrative' } },
  { type: 'UnitDefined', data: { planId, code: 'DNGF', name: 'Gestión Financiera', parentCode: 'DG', areaClass: 'administrative' } },
  { type: 'UnitDefined', data: { planId, code: 'DSP', name: 'Pensiones', parentCode: 'DG', areaClass: 'administrative' } },
  { type: 'UnitDefined', data: { planId, code: 'DSP-J', name: 'Jubilaciones', parentCode: 'DSP', areaClass: 'administrative' } },
];
const plan = planEvents.reduce(evolvePlan, initialPlanState());

interface Given {
  readonly plan: typeof plan;
  readonly signOff: SignOffState;
}
/** The sign-off stream's history is the "given"; the plan's unit tree above is fixed context. */
const spec = deciderSpec<SignOffCommand, SignOffEvent, Given>({
  decide: (command, { plan, signOff }) => decideSignOff(command, signOff, { plan }),
  evolve: (given, event) => ({ ...given, signOff: evolveSignOff(given.signOff, event) }),
  initialState: () => ({ plan, signOff: initialSignOffState() }),
});

const period = '2021-Q2';
const ref = (unit: string) => ({ planId, period, unit });
const submitted = (unit: string): SignOffEvent => ({ type: 'UnitPeriodSubmitted', data: { ...ref(unit), previousStatus: 'open' } });
const approved = (unit: string): SignOffEvent => ({ type: 'UnitPeriodApproved', data: ref(unit) });
const submittedAndApproved = (...units: string[]): SignOffEvent[] => units.flatMap((unit) => [submitted(unit), approved(unit)]);

t.test('SubmitUnitPeriod', async (t) => {
  t.test('given an open unit-period, when the unit submits it, then it is submitted', async (t) =>
    spec
      .given([])
      .when({ type: 'SubmitUnitPeriod', data: { period, unit: 'DSP', comment: 'Todo reportado' } })
      .then(t, [{ type: 'UnitPeriodSubmitted', data: { ...ref('DSP'), previousStatus: 'open', comment: 'Todo reportado' } }]),
  );

  t.test('given a returned unit-period, when the unit submits it again, then it is resubmitted', async (t) =>
    spec
      .given([submitted('DSP'), { type: 'UnitPeriodReturned', data: { ...ref('DSP'), comment: 'Falta el resultado de mayo' } }])
      .when({ type: 'SubmitUnitPeriod', data: { period, unit: 'DSP' } })
      .then(t, [{ type: 'UnitPeriodSubmitted', data: { ...ref('DSP'), previousStatus: 'returned' } }]),
  );

  t.test('given a submitted unit-period, when it is submitted again, then nothing happens', async (t) =>
    spec
      .given([submitted('DSP')])
      .when({ type: 'SubmitUnitPeriod', data: { period, unit: 'DSP' } })
      .thenNothingHappens(t),
  );

  t.test('given an approved unit-period, when it is submitted, then it fails', async (t) =>
    spec
      .given(submittedAndApproved('DSP-J'))
      .when({ type: 'SubmitUnitPeriod', data: { period, unit: 'DSP-J' } })
      .thenFails(t, 'UNIT_PERIOD_APPROVED'),
  );

  t.test('given no such unit, when it submits, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'SubmitUnitPeriod', data: { period, unit: 'NOPE' } })
      .thenFails(t, 'UNKNOWN_UNIT'),
  );

  t.test('given a period of another year, when it is submitted, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'SubmitUnitPeriod', data: { period: '2022-Q2', unit: 'DSP' } })
      .thenFails(t, 'PERIOD_OUTSIDE_PLAN_YEAR'),
  );

  t.test('given no plan, when a unit submits, then it fails', async (t) => {
    const noPlan = deciderSpec<SignOffCommand, SignOffEvent, SignOffState>({
      decide: (command, signOff) => decideSignOff(command, signOff, { plan: initialPlanState() }),
      evolve: evolveSignOff,
      initialState: initialSignOffState,
    });
    noPlan
      .given([])
      .when({ type: 'SubmitUnitPeriod', data: { period, unit: 'DSP' } })
      .thenFails(t, 'PLAN_NOT_FOUND');
  });
});

t.test('ApproveUnitPeriod', async (t) => {
  t.test('given a submitted unit with no unit below, when a planner approves it, then it is approved', async (t) =>
    spec
      .given([submitted('DNGF')])
      .when({ type: 'ApproveUnitPeriod', data: { period, unit: 'DNGF' } })
      .then(t, [approved('DNGF')]),
  );

  t.test('given a submitted unit whose department is approved, when it is approved, then it is approved', async (t) =>
    spec
      .given([...submittedAndApproved('DSP-J'), submitted('DSP')])
      .when({ type: 'ApproveUnitPeriod', data: { period, unit: 'DSP' } })
      .then(t, [approved('DSP')]),
  );

  t.test('given a submitted unit whose department is only submitted, when it is approved before it, then it fails', async (t) => {
    const when = spec.given([submitted('DSP-J'), submitted('DSP')]).when({ type: 'ApproveUnitPeriod', data: { period, unit: 'DSP' } });
    when.thenFails(t, 'CHILD_UNITS_NOT_APPROVED');
  });

  t.test('given a division whose grandchild is not approved, when it is approved, then it fails naming every unit pending', async (t) => {
    const given = [...submittedAndApproved('DNGF'), submitted('DSP'), submitted('DG')].reduce(evolveSignOff, initialSignOffState());
    const error = t.throws(() => decideSignOff({ type: 'ApproveUnitPeriod', data: { period, unit: 'DG' } }, given, { plan })) as DomainError;
    t.equal(error.code, 'CHILD_UNITS_NOT_APPROVED');
    t.same(error.details['pending'], ['DSP', 'DSP-J']);
  });

  t.test('given an open unit-period, when it is approved without a submission, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'ApproveUnitPeriod', data: { period, unit: 'DNGF' } })
      .thenFails(t, 'UNIT_PERIOD_NOT_SUBMITTED'),
  );

  t.test('given an approved unit-period, when it is approved again, then nothing happens', async (t) =>
    spec
      .given(submittedAndApproved('DNGF'))
      .when({ type: 'ApproveUnitPeriod', data: { period, unit: 'DNGF' } })
      .thenNothingHappens(t),
  );

  t.test('given another period approved, when this one is approved, then the other does not count', async (t) =>
    spec
      .given([
        { type: 'UnitPeriodSubmitted', data: { planId, period: '2021-Q1', unit: 'DSP-J', previousStatus: 'open' } },
        { type: 'UnitPeriodApproved', data: { planId, period: '2021-Q1', unit: 'DSP-J' } },
        submitted('DSP'),
      ])
      .when({ type: 'ApproveUnitPeriod', data: { period, unit: 'DSP' } })
      .thenFails(t, 'CHILD_UNITS_NOT_APPROVED'),
  );
});

t.test('ReturnUnitPeriod', async (t) => {
  t.test('given a submitted unit-period, when a planner returns it with a comment, then it is returned', async (t) =>
    spec
      .given([submitted('DSP')])
      .when({ type: 'ReturnUnitPeriod', data: { period, unit: 'DSP', comment: 'Falta el resultado de mayo' } })
      .then(t, [{ type: 'UnitPeriodReturned', data: { ...ref('DSP'), comment: 'Falta el resultado de mayo' } }]),
  );

  t.test('given a submitted unit-period, when it is returned without a comment, then it fails', async (t) =>
    spec
      .given([submitted('DSP')])
      .when({ type: 'ReturnUnitPeriod', data: { period, unit: 'DSP' } })
      .thenFails(t, 'REASON_REQUIRED'),
  );

  t.test('given an open unit-period, when it is returned, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'ReturnUnitPeriod', data: { period, unit: 'DSP', comment: '¿?' } })
      .thenFails(t, 'UNIT_PERIOD_NOT_SUBMITTED'),
  );

  t.test('given an approved unit-period, when it is returned, then it fails: unapprove it first', async (t) =>
    spec
      .given(submittedAndApproved('DNGF'))
      .when({ type: 'ReturnUnitPeriod', data: { period, unit: 'DNGF', comment: 'x' } })
      .thenFails(t, 'UNIT_PERIOD_APPROVED'),
  );
});

t.test('UnapproveUnitPeriod', async (t) => {
  t.test('given an approved unit-period, when a planner unapproves it with a reason, then it awaits approval again', async (t) => {
    const command: SignOffCommand = { type: 'UnapproveUnitPeriod', data: { period, unit: 'DNGF', reason: 'Cifra de junio mal digitada' } };
    spec
      .given(submittedAndApproved('DNGF'))
      .when(command)
      .then(t, [{ type: 'UnitPeriodUnapproved', data: { ...ref('DNGF'), reason: 'Cifra de junio mal digitada' } }]);
    const after = [
      ...submittedAndApproved('DNGF'),
      ...decideSignOff(command, submittedAndApproved('DNGF').reduce(evolveSignOff, initialSignOffState()), { plan }),
    ].reduce(evolveSignOff, initialSignOffState());
    t.equal(statusOf(after, period, 'DNGF'), 'submitted');
  });

  t.test('given an approved unit-period, when it is unapproved without a reason, then it fails', async (t) =>
    spec
      .given(submittedAndApproved('DNGF'))
      .when({ type: 'UnapproveUnitPeriod', data: { period, unit: 'DNGF' } })
      .thenFails(t, 'REASON_REQUIRED'),
  );

  t.test('given a submitted unit-period, when it is unapproved, then it fails', async (t) =>
    spec
      .given([submitted('DNGF')])
      .when({ type: 'UnapproveUnitPeriod', data: { period, unit: 'DNGF', reason: 'x' } })
      .thenFails(t, 'UNIT_PERIOD_NOT_APPROVED'),
  );

  t.test('given an approved parent, when a unit under it is unapproved, then it fails', async (t) =>
    spec
      .given(submittedAndApproved('DSP-J', 'DSP'))
      .when({ type: 'UnapproveUnitPeriod', data: { period, unit: 'DSP-J', reason: 'x' } })
      .thenFails(t, 'PARENT_UNIT_APPROVED'),
  );

  t.test('given an approved grandparent (and parent), when a department is unapproved, then it fails', async (t) =>
    spec
      .given(submittedAndApproved('DSP-J', 'DSP', 'DNGF', 'DG'))
      .when({ type: 'UnapproveUnitPeriod', data: { period, unit: 'DSP-J', reason: 'x' } })
      .thenFails(t, 'PARENT_UNIT_APPROVED'),
  );
});

t.test('ReopenUnitPeriod', async (t) => {
  t.test('given an approved unit-period, when a planner reopens it with a reason, then it is open with the reopening in force', async (t) => {
    const command: SignOffCommand = { type: 'ReopenUnitPeriod', data: { period, unit: 'DNGF', reason: 'Auditoría pidió corregir mayo' } };
    spec
      .given(submittedAndApproved('DNGF'))
      .when(command)
      .then(t, [{ type: 'UnitPeriodReopened', data: { ...ref('DNGF'), reason: 'Auditoría pidió corregir mayo', previousStatus: 'approved' } }]);
    const state = [
      ...submittedAndApproved('DNGF'),
      ...decideSignOff(command, submittedAndApproved('DNGF').reduce(evolveSignOff, initialSignOffState()), { plan }),
    ].reduce(evolveSignOff, initialSignOffState());
    t.equal(statusOf(state, period, 'DNGF'), 'open');
    t.equal(state.unitPeriods[period]?.['DNGF']?.reopening?.reason, 'Auditoría pidió corregir mayo');
  });

  t.test('given an open unit-period, when it is reopened (an exception to the data-entry window), then it is reopened', async (t) =>
    spec
      .given([])
      .when({ type: 'ReopenUnitPeriod', data: { period, unit: 'DNGF', reason: 'Dato tardío justificado' } })
      .then(t, [{ type: 'UnitPeriodReopened', data: { ...ref('DNGF'), reason: 'Dato tardío justificado', previousStatus: 'open' } }]),
  );

  t.test('given an approved unit-period, when it is reopened without a reason, then it fails', async (t) =>
    spec
      .given(submittedAndApproved('DNGF'))
      .when({ type: 'ReopenUnitPeriod', data: { period, unit: 'DNGF' } })
      .thenFails(t, 'REASON_REQUIRED'),
  );

  t.test('given a reopening in force, when it is reopened again, then nothing happens', async (t) =>
    spec
      .given([{ type: 'UnitPeriodReopened', data: { ...ref('DNGF'), reason: 'x', previousStatus: 'open' } }])
      .when({ type: 'ReopenUnitPeriod', data: { period, unit: 'DNGF', reason: 'y' } })
      .thenNothingHappens(t),
  );

  t.test('given a reopened unit that was approved again, when it is reopened, then a new reopening is recorded', async (t) =>
    spec
      .given([
        ...submittedAndApproved('DNGF'),
        { type: 'UnitPeriodReopened', data: { ...ref('DNGF'), reason: 'x', previousStatus: 'approved' } },
        ...submittedAndApproved('DNGF'),
      ])
      .when({ type: 'ReopenUnitPeriod', data: { period, unit: 'DNGF', reason: 'y' } })
      .then(t, [{ type: 'UnitPeriodReopened', data: { ...ref('DNGF'), reason: 'y', previousStatus: 'approved' } }]),
  );

  t.test('given an approved parent, when a unit under it is reopened, then it fails', async (t) =>
    spec
      .given(submittedAndApproved('DSP-J', 'DSP'))
      .when({ type: 'ReopenUnitPeriod', data: { period, unit: 'DSP-J', reason: 'x' } })
      .thenFails(t, 'PARENT_UNIT_APPROVED'),
  );
});

t.test('the state records who and when from each event’s metadata', async (t) => {
  const state = [
    { ...submitted('DNGF'), metadata: { actor: { id: 'tok-rep', role: 'reporter' }, recordedAt: '2021-07-05T10:00:00.000Z' } },
    { ...approved('DNGF'), metadata: { actor: { id: 'tok-plan', role: 'planner' }, recordedAt: '2021-07-09T15:30:00.000Z' } },
  ].reduce(evolveSignOff, initialSignOffState());
  t.same(state.unitPeriods[period]?.['DNGF']?.approval, { actor: { id: 'tok-plan', role: 'planner' }, at: '2021-07-09T15:30:00.000Z' });
  t.same(state.unitPeriods[period]?.['DNGF']?.last, {
    type: 'UnitPeriodApproved',
    actor: { id: 'tok-plan', role: 'planner' },
    at: '2021-07-09T15:30:00.000Z',
    comment: null,
  });
});

t.test('descendantsOf walks the whole tree below a unit', async (t) => {
  t.same(descendantsOf(plan as OpenPlanState, 'DG'), ['DNGF', 'DSP', 'DSP-J']);
  t.same(descendantsOf(plan as OpenPlanState, 'DSP-J'), []);
});

t.test('unapprovedUnits lists every unit of the plan not approved for the period, by code', async (t) => {
  const state = [...submittedAndApproved('DSP-J', 'DNGF'), submitted('DSP')].reduce(evolveSignOff, initialSignOffState());
  t.same(unapprovedUnits(plan as OpenPlanState, state, period), ['DG', 'DSP']);
  t.same(unapprovedUnits(plan as OpenPlanState, state, '2021-Q3'), ['DG', 'DNGF', 'DSP', 'DSP-J'], 'another period: none approved');
});
