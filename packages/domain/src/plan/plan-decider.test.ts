import t from 'tap';
import { deciderSpec } from '../shared/decider-spec.js';
import { DEFAULT_NUMBER_FORMAT, ECUADORIAN_NUMBER_FORMAT } from './number-format.js';
import { chooseNumberFormatDataSchema, type PlanCommand } from './plan-commands.js';
import { decidePlan } from './plan-decider.js';
import type { PlanEvent, PlanOpened } from './plan-events.js';
import { evolvePlan, initialPlanState, planNumberFormat, type PlanState } from './plan-state.js';

const spec = deciderSpec<PlanCommand, PlanEvent, PlanState>({
  decide: decidePlan,
  evolve: evolvePlan,
  initialState: initialPlanState,
});

const perspectives = [
  { code: 'usuarios', name: 'Persona Usuaria' },
  { code: 'financiera', name: 'Financiera' },
];
const openPlan: PlanCommand = {
  type: 'OpenPlan',
  data: { institutionId: 'upisss', fiscalYear: 2021, fiscalYearStartMonth: 1, name: 'PAT 2021', perspectives },
};
const planOpened: PlanOpened = {
  type: 'PlanOpened',
  data: {
    planId: 'upisss-2021',
    institutionId: 'upisss',
    fiscalYear: 2021,
    fiscalYearStartMonth: 1,
    name: 'PAT 2021',
    perspectives,
    evaluationScale: { criticalBelow: '85', goodAbove: '99' },
    evaluationMethod: 'v1',
  },
};
const divisionDefined: PlanEvent = {
  type: 'UnitDefined',
  data: { planId: 'upisss-2021', code: 'DIV', name: 'División', parentCode: null, areaClass: 'administrative' },
};

t.test('OpenPlan', async (t) => {
  t.test('given no plan, when it is opened without a scale, then it opens with the default scale and method v1', async (t) =>
    spec.given([]).when(openPlan).then(t, [planOpened]),
  );

  t.test('given no plan, when it is opened with its own scale, then that scale is recorded', async (t) =>
    spec
      .given([])
      .when({ ...openPlan, data: { ...openPlan.data, evaluationScale: { criticalBelow: '70', goodAbove: '95' } } })
      .then(t, [{ ...planOpened, data: { ...planOpened.data, evaluationScale: { criticalBelow: '70', goodAbove: '95' } } }]),
  );

  t.test('given an open plan, when it is opened again, then it fails', async (t) =>
    spec.given([planOpened]).when(openPlan).thenFails(t, 'PLAN_ALREADY_OPENED'),
  );

  t.test('given no plan, when two perspectives share a code, then it fails', async (t) =>
    spec
      .given([])
      .when({ ...openPlan, data: { ...openPlan.data, perspectives: [perspectives[0]!, perspectives[0]!] } })
      .thenFails(t, 'DUPLICATE_PERSPECTIVE'),
  );

  t.test('given no plan, when the scale is upside down, then it fails', async (t) =>
    spec
      .given([])
      .when({ ...openPlan, data: { ...openPlan.data, evaluationScale: { criticalBelow: '99', goodAbove: '85' } } })
      .thenFails(t, 'INVALID_EVALUATION_SCALE'),
  );
});

t.test('AddPerspective', async (t) => {
  t.test('given an open plan, when a new perspective is added, then it is added after the others', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'AddPerspective', data: { code: 'procesos', name: 'Procesos Internos' } })
      .then(t, [{ type: 'PerspectiveAdded', data: { planId: 'upisss-2021', perspective: { code: 'procesos', name: 'Procesos Internos' } } }]),
  );

  t.test('given an open plan, when an existing perspective code is added, then it fails', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'AddPerspective', data: { code: 'financiera', name: 'Otra' } })
      .thenFails(t, 'DUPLICATE_PERSPECTIVE'),
  );

  t.test('given no plan, when a perspective is added, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'AddPerspective', data: { code: 'x', name: 'X' } })
      .thenFails(t, 'PLAN_NOT_FOUND'),
  );
});

t.test('DefineUnit', async (t) => {
  t.test('given an open plan, when a top-level unit is defined, then it has no parent', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'DefineUnit', data: { code: 'DIV', name: 'División', areaClass: 'administrative' } })
      .then(t, [divisionDefined]),
  );

  t.test('given a division, when a unit is defined under it, then it records its parent', async (t) =>
    spec
      .given([planOpened, divisionDefined])
      .when({ type: 'DefineUnit', data: { code: 'U1', name: 'Unidad', parentCode: 'DIV', areaClass: 'health' } })
      .then(t, [{ type: 'UnitDefined', data: { planId: 'upisss-2021', code: 'U1', name: 'Unidad', parentCode: 'DIV', areaClass: 'health' } }]),
  );

  t.test('given an open plan, when a unit names an unknown parent, then it fails', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'DefineUnit', data: { code: 'U1', name: 'Unidad', parentCode: 'NOPE', areaClass: 'health' } })
      .thenFails(t, 'UNKNOWN_PARENT_UNIT'),
  );

  t.test('given a unit, when its code is defined again, then it fails', async (t) =>
    spec
      .given([planOpened, divisionDefined])
      .when({ type: 'DefineUnit', data: { code: 'DIV', name: 'Otra', areaClass: 'administrative' } })
      .thenFails(t, 'UNIT_ALREADY_DEFINED'),
  );

  t.test('given no plan, when a unit is defined, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'DefineUnit', data: { code: 'DIV', name: 'División', areaClass: 'administrative' } })
      .thenFails(t, 'PLAN_NOT_FOUND'),
  );
});

t.test('ChangeEvaluationScale', async (t) => {
  t.test('given the default scale, when a new scale is set, then the change records both', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'ChangeEvaluationScale', data: { evaluationScale: { criticalBelow: '80', goodAbove: '95' } } })
      .then(t, [
        {
          type: 'EvaluationScaleChanged',
          data: {
            planId: 'upisss-2021',
            evaluationScale: { criticalBelow: '80', goodAbove: '95' },
            previousEvaluationScale: { criticalBelow: '85', goodAbove: '99' },
          },
        },
      ]),
  );

  t.test('given the default scale, when the same scale is written differently, then nothing happens', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'ChangeEvaluationScale', data: { evaluationScale: { criticalBelow: '85.0', goodAbove: '99.00' } } })
      .thenNothingHappens(t),
  );

  t.test('given an open plan, when the scale is upside down, then it fails', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'ChangeEvaluationScale', data: { evaluationScale: { criticalBelow: '90', goodAbove: '80' } } })
      .thenFails(t, 'INVALID_EVALUATION_SCALE'),
  );
});

t.test('SetDataEntryWindow', async (t) => {
  const windowSet = (days: number | null, previousDays: number | null): PlanEvent => ({
    type: 'DataEntryWindowSet',
    data: { planId: 'upisss-2021', periodicity: 'monthly', days, previousDays },
  });

  t.test('given no window, when a planner sets 10 days for monthly results, then the window is set', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'SetDataEntryWindow', data: { periodicity: 'monthly', days: 10 } })
      .then(t, [windowSet(10, null)]),
  );

  t.test('given a 10-day window, when it is changed to 15, then the change records the 10', async (t) =>
    spec
      .given([planOpened, windowSet(10, null)])
      .when({ type: 'SetDataEntryWindow', data: { periodicity: 'monthly', days: 15 } })
      .then(t, [windowSet(15, 10)]),
  );

  t.test('given a 10-day window, when it is cleared, then there is no window any more', async (t) =>
    spec
      .given([planOpened, windowSet(10, null)])
      .when({ type: 'SetDataEntryWindow', data: { periodicity: 'monthly', days: null } })
      .then(t, [windowSet(null, 10)]),
  );

  t.test('given a 10-day window, when 10 days are set again, then nothing happens', async (t) =>
    spec
      .given([planOpened, windowSet(10, null)])
      .when({ type: 'SetDataEntryWindow', data: { periodicity: 'monthly', days: 10 } })
      .thenNothingHappens(t),
  );

  t.test('given no window, when it is cleared, then nothing happens', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'SetDataEntryWindow', data: { periodicity: 'quarterly', days: null } })
      .thenNothingHappens(t),
  );

  t.test('given no plan, when a window is set, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'SetDataEntryWindow', data: { periodicity: 'monthly', days: 10 } })
      .thenFails(t, 'PLAN_NOT_FOUND'),
  );

  t.test('the window folds per periodicity', async (t) => {
    const state = [
      planOpened,
      windowSet(10, null),
      { ...windowSet(20, null), data: { ...windowSet(20, null).data, periodicity: 'quarterly' } } as PlanEvent,
      windowSet(null, 10),
    ].reduce(evolvePlan, initialPlanState());
    t.same(state.status === 'open' ? state.dataEntryWindows : null, { quarterly: 20 });
  });
});

t.test('ChooseNumberFormat', async (t) => {
  const ecuadorian = { decimalSeparator: ',', thousandsSeparator: '.', percentStyle: 'spaced', currencySymbol: '$' } as const;
  const salvadoran = { decimalSeparator: '.', thousandsSeparator: ',', percentStyle: 'attached', currencySymbol: '$' } as const;
  const chosen: PlanEvent = { type: 'NumberFormatChosen', data: { planId: 'upisss-2021', numberFormat: ecuadorian, previousNumberFormat: salvadoran } };

  t.test('given a plan that never chose, when the Ecuadorian format is chosen, then the change records it and the default it replaces', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'ChooseNumberFormat', data: { numberFormat: ecuadorian } })
      .then(t, [chosen]),
  );

  t.test('given a plan that never chose, when the default is chosen, then nothing happens', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'ChooseNumberFormat', data: { numberFormat: salvadoran } })
      .thenNothingHappens(t),
  );

  t.test('given the Ecuadorian format, when it is chosen again, then nothing happens', async (t) =>
    spec
      .given([planOpened, chosen])
      .when({ type: 'ChooseNumberFormat', data: { numberFormat: ecuadorian } })
      .thenNothingHappens(t),
  );

  t.test('given the Ecuadorian format, when the default is chosen back, then the change records the Ecuadorian one as previous', async (t) =>
    spec
      .given([planOpened, chosen])
      .when({ type: 'ChooseNumberFormat', data: { numberFormat: salvadoran } })
      .then(t, [{ type: 'NumberFormatChosen', data: { planId: 'upisss-2021', numberFormat: salvadoran, previousNumberFormat: ecuadorian } }]),
  );

  t.test('given no plan, when a format is chosen, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'ChooseNumberFormat', data: { numberFormat: ecuadorian } })
      .thenFails(t, 'PLAN_NOT_FOUND'),
  );

  t.test('the state: absent until chosen, so a plan that never chose reads as it always did; planNumberFormat gives the default', async (t) => {
    const open = [planOpened].reduce(evolvePlan, initialPlanState());
    if (open.status !== 'open') throw new Error('the plan should be open');
    t.notOk('numberFormat' in open);
    t.strictSame(planNumberFormat(open), DEFAULT_NUMBER_FORMAT);
    const after = [planOpened, chosen].reduce(evolvePlan, initialPlanState());
    if (after.status !== 'open') throw new Error('the plan should be open');
    t.strictSame(planNumberFormat(after), ecuadorian);
  });

  t.test('the command schema refuses a format whose separators are the same, and unknown separators', async (t) => {
    t.notOk(chooseNumberFormatDataSchema.safeParse({ numberFormat: { ...ecuadorian, thousandsSeparator: ',' } }).success, 'the same separator twice');
    t.notOk(chooseNumberFormatDataSchema.safeParse({ numberFormat: { ...ecuadorian, decimalSeparator: ';' } }).success, 'a separator nobody writes');
    t.notOk(chooseNumberFormatDataSchema.safeParse({ numberFormat: { ...ecuadorian, currencySymbol: '1' } }).success, 'a digit as currency');
    t.ok(chooseNumberFormatDataSchema.safeParse({ numberFormat: { ...salvadoran, thousandsSeparator: '' } }).success, 'no grouping');
    t.strictSame(ECUADORIAN_NUMBER_FORMAT, ecuadorian, 'the Ecuadorian preset is the catalog style');
  });
});

t.test('renaming, moving and retiring units', async (t) => {
  const unitDefined = (code: string, parentCode: string | null): PlanEvent => ({
    type: 'UnitDefined',
    data: { planId: 'upisss-2021', code, name: `Unidad ${code}`, parentCode, areaClass: 'administrative' },
  });
  const tree = [planOpened, divisionDefined, unitDefined('U1', 'DIV'), unitDefined('D1', 'U1'), unitDefined('OTRA', null)];
  const retired = (code: string): PlanEvent => ({ type: 'UnitRetired', data: { planId: 'upisss-2021', code } });
  const reason = 'Reestructuración 2021';

  t.test('given a unit, when it is renamed, then the renaming records the old name', async (t) =>
    spec
      .given(tree)
      .when({ type: 'RenameUnit', data: { code: 'U1', name: 'Unidad de Pensiones', reason } })
      .then(t, [{ type: 'UnitRenamed', data: { planId: 'upisss-2021', code: 'U1', name: 'Unidad de Pensiones', previousName: 'Unidad U1' } }]),
  );

  t.test('given a unit, when it is renamed to its own name, then nothing happens', async (t) =>
    spec
      .given(tree)
      .when({ type: 'RenameUnit', data: { code: 'U1', name: 'Unidad U1', reason } })
      .thenNothingHappens(t),
  );

  t.test('given a plan, when an unknown unit is renamed, moved or retired, then each fails with UNIT_NOT_FOUND', async (t) => {
    spec
      .given(tree)
      .when({ type: 'RenameUnit', data: { code: 'NOPE', name: 'X', reason } })
      .thenFails(t, 'UNIT_NOT_FOUND');
    spec
      .given(tree)
      .when({ type: 'MoveUnit', data: { code: 'NOPE', parentCode: null, reason } })
      .thenFails(t, 'UNIT_NOT_FOUND');
    spec
      .given(tree)
      .when({ type: 'RetireUnit', data: { code: 'constructor', reason } })
      .thenFails(t, 'UNIT_NOT_FOUND');
  });

  t.test('given a department, when it moves under another unit, then the move records both parents', async (t) =>
    spec
      .given(tree)
      .when({ type: 'MoveUnit', data: { code: 'D1', parentCode: 'OTRA', reason } })
      .then(t, [{ type: 'UnitMoved', data: { planId: 'upisss-2021', code: 'D1', parentCode: 'OTRA', previousParentCode: 'U1' } }]),
  );

  t.test('given a unit under a division, when it moves to the top, then its parent is null', async (t) =>
    spec
      .given(tree)
      .when({ type: 'MoveUnit', data: { code: 'U1', parentCode: null, reason } })
      .then(t, [{ type: 'UnitMoved', data: { planId: 'upisss-2021', code: 'U1', parentCode: null, previousParentCode: 'DIV' } }]),
  );

  t.test('given a unit, when it moves under the parent it has, then nothing happens', async (t) =>
    spec
      .given(tree)
      .when({ type: 'MoveUnit', data: { code: 'U1', parentCode: 'DIV', reason } })
      .thenNothingHappens(t),
  );

  t.test('given a division, when it moves under itself or a unit below it, then it fails with UNIT_MOVE_CYCLE', async (t) => {
    spec
      .given(tree)
      .when({ type: 'MoveUnit', data: { code: 'DIV', parentCode: 'DIV', reason } })
      .thenFails(t, 'UNIT_MOVE_CYCLE');
    spec
      .given(tree)
      .when({ type: 'MoveUnit', data: { code: 'DIV', parentCode: 'D1', reason } })
      .thenFails(t, 'UNIT_MOVE_CYCLE');
  });

  t.test('given a unit, when it moves under an unknown unit, then it fails with UNKNOWN_PARENT_UNIT', async (t) =>
    spec
      .given(tree)
      .when({ type: 'MoveUnit', data: { code: 'U1', parentCode: 'NOPE', reason } })
      .thenFails(t, 'UNKNOWN_PARENT_UNIT'),
  );

  t.test('given a retired unit, when a unit moves or is defined under it, then it fails with PARENT_UNIT_RETIRED', async (t) => {
    spec
      .given([...tree, retired('OTRA')])
      .when({ type: 'MoveUnit', data: { code: 'D1', parentCode: 'OTRA', reason } })
      .thenFails(t, 'PARENT_UNIT_RETIRED');
    spec
      .given([...tree, retired('OTRA')])
      .when({ type: 'DefineUnit', data: { code: 'D2', name: 'Depto', parentCode: 'OTRA', areaClass: 'health' } })
      .thenFails(t, 'PARENT_UNIT_RETIRED');
  });

  t.test('given a unit with no active units below it, when it is retired, then it is retired', async (t) =>
    spec
      .given(tree)
      .when({ type: 'RetireUnit', data: { code: 'D1', reason } })
      .then(t, [retired('D1')]),
  );

  t.test('given a unit with an active unit below it, when it is retired, then it fails naming the units below', async (t) => {
    spec
      .given(tree)
      .when({ type: 'RetireUnit', data: { code: 'U1', reason } })
      .thenFails(t, 'UNIT_HAS_ACTIVE_UNITS');
    const state = tree.reduce(evolvePlan, initialPlanState());
    const error = t.throws(() => decidePlan({ type: 'RetireUnit', data: { code: 'U1', reason } }, state));
    t.strictSame((error as { details?: unknown }).details, { code: 'U1', units: ['D1'] });
  });

  t.test('given a unit whose units below are retired, when it is retired, then it is retired', async (t) =>
    spec
      .given([...tree, retired('D1')])
      .when({ type: 'RetireUnit', data: { code: 'U1', reason } })
      .then(t, [retired('U1')]),
  );

  t.test('given a retired unit, when it is retired again, then nothing happens', async (t) =>
    spec
      .given([...tree, retired('D1')])
      .when({ type: 'RetireUnit', data: { code: 'D1', reason } })
      .thenNothingHappens(t),
  );

  t.test('given a retired unit, when it is renamed or moved, then it fails with UNIT_RETIRED', async (t) => {
    spec
      .given([...tree, retired('D1')])
      .when({ type: 'RenameUnit', data: { code: 'D1', name: 'Otro', reason } })
      .thenFails(t, 'UNIT_RETIRED');
    spec
      .given([...tree, retired('D1')])
      .when({ type: 'MoveUnit', data: { code: 'D1', parentCode: null, reason } })
      .thenFails(t, 'UNIT_RETIRED');
  });

  t.test('given a unit, when its name and parent change at once, then both events, renaming first', async (t) =>
    spec
      .given(tree)
      .when({ type: 'ChangeUnit', data: { code: 'D1', name: 'Depto', parentCode: null, reason } })
      .then(t, [
        { type: 'UnitRenamed', data: { planId: 'upisss-2021', code: 'D1', name: 'Depto', previousName: 'Unidad D1' } },
        { type: 'UnitMoved', data: { planId: 'upisss-2021', code: 'D1', parentCode: null, previousParentCode: 'U1' } },
      ]),
  );

  t.test('given a unit, when a change names its own name and a parent that makes a cycle, then it fails and nothing is renamed', async (t) =>
    spec
      .given(tree)
      .when({ type: 'ChangeUnit', data: { code: 'DIV', name: 'Otra', parentCode: 'D1', reason } })
      .thenFails(t, 'UNIT_MOVE_CYCLE'),
  );

  t.test('given a unit, when a change names neither field, then it fails with NOTHING_TO_CHANGE', async (t) =>
    spec
      .given(tree)
      .when({ type: 'ChangeUnit', data: { code: 'D1', reason } })
      .thenFails(t, 'NOTHING_TO_CHANGE'),
  );

  t.test('given a unit, when a change names its own name and parent, then nothing happens', async (t) =>
    spec
      .given(tree)
      .when({ type: 'ChangeUnit', data: { code: 'D1', name: 'Unidad D1', parentCode: 'U1', reason } })
      .thenNothingHappens(t),
  );

  t.test('the state: a unit is renamed, moved and retired in place; retired only once it is', async (t) => {
    const state = [
      ...tree,
      { type: 'UnitRenamed', data: { planId: 'upisss-2021', code: 'D1', name: 'Depto', previousName: 'Unidad D1' } } as PlanEvent,
      { type: 'UnitMoved', data: { planId: 'upisss-2021', code: 'D1', parentCode: 'OTRA', previousParentCode: 'U1' } } as PlanEvent,
      retired('D1'),
    ].reduce(evolvePlan, initialPlanState());
    if (state.status !== 'open') throw new Error('the plan should be open');
    t.strictSame(state.units['D1'], { code: 'D1', name: 'Depto', parentCode: 'OTRA', areaClass: 'administrative', retired: true });
    t.notOk('retired' in state.units['U1']!);
  });
});

t.test('renaming and retiring perspectives', async (t) => {
  const reason = 'Nueva nomenclatura';
  const perspectiveRetired: PlanEvent = { type: 'PerspectiveRetired', data: { planId: 'upisss-2021', code: 'financiera' } };

  t.test('given a perspective, when it is renamed, then the renaming records the old name', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'RenamePerspective', data: { code: 'usuarios', name: 'Derechohabientes', reason } })
      .then(t, [{ type: 'PerspectiveRenamed', data: { planId: 'upisss-2021', code: 'usuarios', name: 'Derechohabientes', previousName: 'Persona Usuaria' } }]),
  );

  t.test('given a perspective, when it is renamed to its own name, then nothing happens', async (t) =>
    spec
      .given([planOpened])
      .when({ type: 'RenamePerspective', data: { code: 'usuarios', name: 'Persona Usuaria', reason } })
      .thenNothingHappens(t),
  );

  t.test('given a plan, when an unknown perspective is renamed or retired, then it fails with PERSPECTIVE_NOT_FOUND', async (t) => {
    spec
      .given([planOpened])
      .when({ type: 'RenamePerspective', data: { code: 'nope', name: 'X', reason } })
      .thenFails(t, 'PERSPECTIVE_NOT_FOUND');
    spec
      .given([planOpened])
      .when({ type: 'RetirePerspective', data: { code: 'nope', reason } })
      .thenFails(t, 'PERSPECTIVE_NOT_FOUND');
  });

  t.test('given a perspective, when it is retired, then it is retired; again, nothing happens', async (t) => {
    spec
      .given([planOpened])
      .when({ type: 'RetirePerspective', data: { code: 'financiera', reason } })
      .then(t, [perspectiveRetired]);
    spec
      .given([planOpened, perspectiveRetired])
      .when({ type: 'RetirePerspective', data: { code: 'financiera', reason } })
      .thenNothingHappens(t);
  });

  t.test('given a retired perspective, when it is renamed, then it fails with PERSPECTIVE_RETIRED', async (t) =>
    spec
      .given([planOpened, perspectiveRetired])
      .when({ type: 'RenamePerspective', data: { code: 'financiera', name: 'Finanzas', reason } })
      .thenFails(t, 'PERSPECTIVE_RETIRED'),
  );

  t.test('the state: the perspective keeps its place, renamed or retired', async (t) => {
    const state = [
      planOpened,
      { type: 'PerspectiveRenamed', data: { planId: 'upisss-2021', code: 'usuarios', name: 'Derechohabientes', previousName: 'Persona Usuaria' } } as PlanEvent,
      perspectiveRetired,
    ].reduce(evolvePlan, initialPlanState());
    if (state.status !== 'open') throw new Error('the plan should be open');
    t.strictSame(state.perspectives, [
      { code: 'usuarios', name: 'Derechohabientes' },
      { code: 'financiera', name: 'Financiera', retired: true },
    ]);
  });
});
