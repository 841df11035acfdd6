import t from 'tap';
import type { PlanEvent } from '../plan/plan-events.js';
import { evolvePlan, initialPlanState } from '../plan/plan-state.js';
import { deciderSpec } from '../shared/decider-spec.js';
import { initialSignOffState } from '../sign-off/sign-off-state.js';
import type { IndicatorCommand } from './indicator-commands.js';
import { decideIndicator, type IndicatorContext } from './indicator-decider.js';
import type { IndicatorDefinition } from './indicator-definition.js';
import { justificationAddedSchema, type IndicatorEvent } from './indicator-events.js';
import { evolveIndicator, initialIndicatorState } from './indicator-state.js';

const planId = 'upisss-2021';
const planEvents: PlanEvent[] = [
  {
    type: 'PlanOpened',
    data: {
      planId,
      institutionId: 'upisss',
      fiscalYear: 2021,
      fiscalYearStartMonth: 1,
      name: 'PAT 2021',
      perspectives: [
        { code: 'usuarios', name: 'Persona Usuaria' },
        { code: 'procesos', name: 'Procesos Internos' },
      ],
      evaluationScale: { criticalBelow: '85', goodAbove: '99' },
      evaluationMethod: 'v1',
    },
  },
  { type: 'UnitDefined', data: { planId, code: 'DNGF', name: 'Gestión Financiera', parentCode: null, areaClass: 'administrative' } },
  { type: 'UnitDefined', data: { planId, code: 'DSP', name: 'Pensiones', parentCode: null, areaClass: 'administrative' } },
];
const plan = planEvents.reduce(evolvePlan, initialPlanState());

/** The indicator's own history is the "given"; the plan above is fixed context. */
const spec = deciderSpec<IndicatorCommand, IndicatorEvent, IndicatorContext>({
  decide: decideIndicator,
  evolve: (context, event) => ({ ...context, indicator: evolveIndicator(context.indicator, event) }),
  initialState: () => ({ plan, signOff: initialSignOffState(), recordedAt: '2021-04-15T12:00:00.000Z', indicator: initialIndicatorState() }),
});

const code = 'IE-DSP-NA-26';
const ref = { planId, code };
const definition: IndicatorDefinition = {
  name: 'Tiempo promedio de espera en la atención a las solicitudes de jubilación',
  kind: 'result',
  perspective: 'usuarios',
  unit: 'DSP',
  measure: 'days',
  periodicity: 'quarterly',
  polarity: 'lower-is-better',
  accumulation: 'average',
  formula: 'Días entre la recepción de la solicitud y la liquidación de la prestación',
};
const registered: IndicatorEvent = { type: 'IndicatorRegistered', data: { ...ref, definition } };
const targetSetQ1: IndicatorEvent = { type: 'TargetSet', data: { ...ref, period: '2021-Q1', value: '20' } };
const resultQ1: IndicatorEvent = { type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '22.5' } };
const retired: IndicatorEvent = { type: 'IndicatorRetired', data: ref };

t.test('RegisterIndicator', async (t) => {
  const register: IndicatorCommand = { type: 'RegisterIndicator', data: { code, ...definition } };

  t.test('given no indicator, when it is registered, then its definition is recorded', async (t) => spec.given([]).when(register).then(t, [registered]));

  t.test('given the code is taken, when it is registered again, then it fails', async (t) =>
    spec.given([registered]).when(register).thenFails(t, 'DUPLICATE_INDICATOR_CODE'),
  );

  t.test('given a retired indicator, when its code is registered again, then it fails', async (t) =>
    spec.given([registered, retired]).when(register).thenFails(t, 'DUPLICATE_INDICATOR_CODE'),
  );

  t.test('given no indicator, when its perspective is not of the plan, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'RegisterIndicator', data: { code, ...definition, perspective: 'financiera' } })
      .thenFails(t, 'UNKNOWN_PERSPECTIVE'),
  );

  t.test('given no indicator, when its unit is not of the plan, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'RegisterIndicator', data: { code, ...definition, unit: 'NOPE' } })
      .thenFails(t, 'UNKNOWN_UNIT'),
  );

  t.test('given no plan, when an indicator is registered, then it fails', async (t) => {
    const noPlan = deciderSpec<IndicatorCommand, IndicatorEvent, IndicatorContext>({
      decide: decideIndicator,
      evolve: (context, event) => ({ ...context, indicator: evolveIndicator(context.indicator, event) }),
      initialState: () => ({
        plan: initialPlanState(),
        signOff: initialSignOffState(),
        recordedAt: '2021-04-15T12:00:00.000Z',
        indicator: initialIndicatorState(),
      }),
    });
    noPlan.given([]).when(register).thenFails(t, 'PLAN_NOT_FOUND');
  });
});

t.test('AmendIndicator', async (t) => {
  t.test('given an indicator, when its name and decimals change, then the change records before and after', async (t) =>
    spec
      .given([registered])
      .when({ type: 'AmendIndicator', data: { code, changes: { name: 'Tiempo de espera', decimals: 1 } } })
      .then(t, [
        {
          type: 'IndicatorAmended',
          data: { ...ref, changes: { name: 'Tiempo de espera', decimals: 1 }, previous: { name: definition.name, decimals: null } },
        },
      ]),
  );

  t.test('given an indicator, when a field is set to what it already is, then nothing happens', async (t) =>
    spec
      .given([registered])
      .when({ type: 'AmendIndicator', data: { code, changes: { unit: 'DSP' } } })
      .thenNothingHappens(t),
  );

  t.test('given an indicator, when no field is named, then it fails', async (t) =>
    spec
      .given([registered])
      .when({ type: 'AmendIndicator', data: { code, changes: {} } })
      .thenFails(t, 'NOTHING_TO_CHANGE'),
  );

  t.test('given an indicator, when it moves to an unknown unit, then it fails', async (t) =>
    spec
      .given([registered])
      .when({ type: 'AmendIndicator', data: { code, changes: { unit: 'NOPE' } } })
      .thenFails(t, 'UNKNOWN_UNIT'),
  );

  t.test('given an indicator without figures, when its periodicity changes, then it is amended', async (t) =>
    spec
      .given([registered])
      .when({ type: 'AmendIndicator', data: { code, changes: { periodicity: 'monthly' } } })
      .then(t, [{ type: 'IndicatorAmended', data: { ...ref, changes: { periodicity: 'monthly' }, previous: { periodicity: 'quarterly' } } }]),
  );

  t.test('given an indicator with a target, when its periodicity changes, then it fails', async (t) =>
    spec
      .given([registered, targetSetQ1])
      .when({ type: 'AmendIndicator', data: { code, changes: { periodicity: 'monthly' } } })
      .thenFails(t, 'PERIODICITY_LOCKED'),
  );

  t.test('given a retired indicator, when it is amended, then it fails', async (t) =>
    spec
      .given([registered, retired])
      .when({ type: 'AmendIndicator', data: { code, changes: { name: 'Otro' } } })
      .thenFails(t, 'INDICATOR_RETIRED'),
  );

  t.test('given no indicator, when it is amended, then it fails', async (t) =>
    spec
      .given([])
      .when({ type: 'AmendIndicator', data: { code, changes: { name: 'Otro' } } })
      .thenFails(t, 'INDICATOR_NOT_FOUND'),
  );

  t.test('given an indicator with decimals, when decimals are cleared with null, then the field is removed', async (t) => {
    const withDecimals: IndicatorEvent = {
      type: 'IndicatorAmended',
      data: { ...ref, changes: { decimals: 2 }, previous: { decimals: null } },
    };
    const state = [registered, withDecimals].reduce(evolveIndicator, initialIndicatorState());
    t.equal(state.status === 'active' && state.definition.decimals, 2);
    spec
      .given([registered, withDecimals])
      .when({ type: 'AmendIndicator', data: { code, changes: { decimals: null } } })
      .then(t, [{ type: 'IndicatorAmended', data: { ...ref, changes: { decimals: null }, previous: { decimals: 2 } } }]);
    const cleared = [
      registered,
      withDecimals,
      { type: 'IndicatorAmended', data: { ...ref, changes: { decimals: null }, previous: { decimals: 2 } } } as IndicatorEvent,
    ].reduce(evolveIndicator, initialIndicatorState());
    t.notOk(cleared.status === 'active' && 'decimals' in cleared.definition, 'decimals are gone');
  });
});

t.test('RetireIndicator', async (t) => {
  t.test('given an indicator, when it is retired, then it is retired', async (t) =>
    spec
      .given([registered])
      .when({ type: 'RetireIndicator', data: { code, reason: 'Fusionado' } })
      .then(t, [retired]),
  );

  t.test('given a retired indicator, when it is retired again, then nothing happens', async (t) =>
    spec
      .given([registered, retired])
      .when({ type: 'RetireIndicator', data: { code, reason: 'Otra vez' } })
      .thenNothingHappens(t),
  );
});

t.test('SetTarget', async (t) => {
  const setTarget = (period: string, value: string, reason?: string): IndicatorCommand => ({
    type: 'SetTarget',
    data: { code, period, value, ...(reason === undefined ? {} : { reason }) },
  });

  t.test('given no target for the period, when one is set, then it is set', async (t) =>
    spec.given([registered]).when(setTarget('2021-Q1', '20')).then(t, [targetSetQ1]),
  );

  t.test('given a target, when it is revised with a reason, then the revision keeps the previous value', async (t) =>
    spec
      .given([registered, targetSetQ1])
      .when(setTarget('2021-Q1', '18', 'Reprogramación aprobada'))
      .then(t, [{ type: 'TargetRevised', data: { ...ref, period: '2021-Q1', value: '18', previousValue: '20' } }]),
  );

  t.test('given a target, when it is revised without a reason, then it fails', async (t) =>
    spec.given([registered, targetSetQ1]).when(setTarget('2021-Q1', '18')).thenFails(t, 'REASON_REQUIRED'),
  );

  t.test('given a target, when the same value is set again (written differently), then nothing happens', async (t) =>
    spec.given([registered, targetSetQ1]).when(setTarget('2021-Q1', '20.00')).thenNothingHappens(t),
  );

  t.test('given a quarterly indicator, when a monthly period is targeted, then it fails', async (t) =>
    spec.given([registered]).when(setTarget('2021-M03', '20')).thenFails(t, 'PERIOD_NOT_OF_PERIODICITY'),
  );

  t.test('given a 2021 plan, when a 2022 period is targeted, then it fails', async (t) =>
    spec.given([registered]).when(setTarget('2022-Q1', '20')).thenFails(t, 'PERIOD_OUTSIDE_PLAN_YEAR'),
  );

  t.test('given an indicator, when the period is not a period at all, then it fails', async (t) =>
    spec.given([registered]).when(setTarget('2021-Q5', '20')).thenFails(t, 'INVALID_PERIOD'),
  );

  t.test('given a retired indicator, when a target is set, then it fails', async (t) =>
    spec.given([registered, retired]).when(setTarget('2021-Q2', '20')).thenFails(t, 'INDICATOR_RETIRED'),
  );

  t.test('given no indicator, when a target is set, then it fails', async (t) =>
    spec.given([]).when(setTarget('2021-Q1', '20')).thenFails(t, 'INDICATOR_NOT_FOUND'),
  );

  t.test('given no target, when a negative one is set (a financial gap), then it is set as written', async (t) =>
    spec
      .given([registered])
      .when(setTarget('2021-Q1', '-375123611'))
      .then(t, [{ type: 'TargetSet', data: { ...ref, period: '2021-Q1', value: '-375123611' } }]),
  );

  t.test('given a negative target, when it is revised across zero with a reason, then the revision keeps the negative value', async (t) =>
    spec
      .given([registered, { type: 'TargetSet', data: { ...ref, period: '2021-Q1', value: '-375123611' } }])
      .when(setTarget('2021-Q1', '12.5', 'Brecha cerrada'))
      .then(t, [{ type: 'TargetRevised', data: { ...ref, period: '2021-Q1', value: '12.5', previousValue: '-375123611' } }]),
  );

  t.test('given a negative target, when the same value is set again (written differently), then nothing happens', async (t) =>
    spec
      .given([registered, { type: 'TargetSet', data: { ...ref, period: '2021-Q1', value: '-0.5' } }])
      .when(setTarget('2021-Q1', '-0.50'))
      .thenNothingHappens(t),
  );

  t.test('given a target of 0.5, when -0.5 is set, then it is a revision (the sign is part of the value)', async (t) =>
    spec
      .given([registered, { type: 'TargetSet', data: { ...ref, period: '2021-Q1', value: '0.5' } }])
      .when(setTarget('2021-Q1', '-0.5'))
      .thenFails(t, 'REASON_REQUIRED'),
  );
});

t.test('ReportResult', async (t) => {
  const report = (data: Partial<{ value: string; numerator: string; denominator: string; reason: string }>): IndicatorCommand => ({
    type: 'ReportResult',
    data: { code, period: '2021-Q1', value: '22.5', ...data },
  });
  const noData = (reason: string): IndicatorCommand => ({
    type: 'ReportResult',
    data: { code, period: '2021-Q1', noData: true, reason },
  });

  t.test('given no result, when one is reported, then it is reported', async (t) => spec.given([registered]).when(report({})).then(t, [resultQ1]));

  // The figures are a percent's on a `days` indicator: the default ratio check (× 1) warns, and the result is kept.
  t.test('given no result, when one is reported with numerator and denominator, then both are kept', async (t) =>
    spec
      .given([registered])
      .when(report({ value: '97.56', numerator: '1282', denominator: '1314' }))
      .then(t, [
        {
          type: 'ResultReported',
          data: {
            ...ref,
            period: '2021-Q1',
            value: '97.56',
            numerator: '1282',
            denominator: '1314',
            warnings: [{ rule: 'ratioCheck', level: 'warn', expected: '0.98', scale: '1' }],
          },
        },
      ]),
  );

  t.test('given no result, when a negative one is reported with a negative numerator, then it is reported as written', async (t) =>
    spec
      .given([registered])
      .when(report({ value: '-2.5', numerator: '-25', denominator: '10' }))
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '-2.5', numerator: '-25', denominator: '10' } }]),
  );

  t.test('given a negative result, when it is corrected to another with a reason, then the correction keeps the previous value', async (t) =>
    spec
      .given([registered, { type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '-300000000' } }])
      .when(report({ value: '-450000000', reason: 'Cierre contable' }))
      .then(t, [{ type: 'ResultCorrected', data: { ...ref, period: '2021-Q1', value: '-450000000', previousValue: '-300000000' } }]),
  );

  t.test('given no result, when only a numerator is given, then it fails', async (t) =>
    spec
      .given([registered])
      .when(report({ numerator: '1282' }))
      .thenFails(t, 'INCOMPLETE_RATIO'),
  );

  t.test('given a result, when it is corrected with a reason, then the correction keeps the previous value', async (t) =>
    spec
      .given([registered, resultQ1])
      .when(report({ value: '21', reason: 'Error de digitación' }))
      .then(t, [{ type: 'ResultCorrected', data: { ...ref, period: '2021-Q1', value: '21', previousValue: '22.5' } }]),
  );

  t.test('given a result, when it is corrected without a reason, then it fails', async (t) =>
    spec
      .given([registered, resultQ1])
      .when(report({ value: '21' }))
      .thenFails(t, 'REASON_REQUIRED'),
  );

  t.test('given a result, when the same result is reported again, then nothing happens', async (t) =>
    spec
      .given([registered, resultQ1])
      .when(report({ value: '22.50' }))
      .thenNothingHappens(t),
  );

  t.test('given no result, when "no data" is reported with a reason, then it is recorded with no previous value', async (t) =>
    spec
      .given([registered])
      .when(noData('Sistema caído'))
      .then(t, [{ type: 'NoDataReported', data: { ...ref, period: '2021-Q1', previousValue: null } }]),
  );

  t.test('given a result, when it is withdrawn as "no data", then the previous value is kept', async (t) =>
    spec
      .given([registered, resultQ1])
      .when(noData('Dato no validado'))
      .then(t, [{ type: 'NoDataReported', data: { ...ref, period: '2021-Q1', previousValue: '22.5' } }]),
  );

  t.test('given "no data", when a value arrives, then it is a correction needing a reason', async (t) => {
    const noDataReported: IndicatorEvent = { type: 'NoDataReported', data: { ...ref, period: '2021-Q1', previousValue: null } };
    spec.given([registered, noDataReported]).when(report({})).thenFails(t, 'REASON_REQUIRED');
    spec
      .given([registered, noDataReported])
      .when(report({ reason: 'Dato recibido' }))
      .then(t, [{ type: 'ResultCorrected', data: { ...ref, period: '2021-Q1', value: '22.5', previousValue: null } }]);
  });

  t.test('given "no data", when "no data" is reported again, then nothing happens', async (t) =>
    spec
      .given([registered, { type: 'NoDataReported', data: { ...ref, period: '2021-Q1', previousValue: null } }])
      .when(noData('Sigue sin dato'))
      .thenNothingHappens(t),
  );

  t.test('given a retired indicator, when a result is reported, then it fails', async (t) =>
    spec.given([registered, retired]).when(report({})).thenFails(t, 'INDICATOR_RETIRED'),
  );

  t.test('given a quarterly indicator, when an annual period is reported, then it fails', async (t) =>
    spec
      .given([registered])
      .when({ type: 'ReportResult', data: { code, period: '2021', value: '1' } })
      .thenFails(t, 'PERIOD_NOT_OF_PERIODICITY'),
  );
});

t.test('AddJustification', async (t) => {
  const justify = (period: string): IndicatorCommand => ({
    type: 'AddJustification',
    data: {
      code,
      period,
      text: 'Falta de personal en el área de liquidaciones',
      correctiveActions: [{ action: 'Contratar dos analistas', owner: 'Jefatura de Pensiones', dueDate: '2021-06-30' }],
    },
  });
  const first: IndicatorEvent = {
    type: 'JustificationAdded',
    data: {
      ...ref,
      period: '2021-Q1',
      justificationNumber: 1,
      text: 'Falta de personal en el área de liquidaciones',
      correctiveActions: [{ action: 'Contratar dos analistas', owner: 'Jefatura de Pensiones', dueDate: '2021-06-30' }],
    },
  };

  t.test('given a critical result, when a justification is added, then it is numbered 1', async (t) =>
    spec.given([registered, resultQ1]).when(justify('2021-Q1')).then(t, [first]),
  );

  t.test('given one justification, when another is added, then it is numbered 2', async (t) =>
    spec
      .given([registered, first])
      .when(justify('2021-Q2'))
      .then(t, [{ ...first, data: { ...first.data, period: '2021-Q2', justificationNumber: 2 } }] as IndicatorEvent[]),
  );

  t.test('given a retired indicator, when a past period is justified, then it is still recorded', async (t) =>
    spec.given([registered, retired]).when(justify('2021-Q1')).then(t, [first]),
  );

  t.test('given a 2021 plan, when a 2020 period is justified, then it fails', async (t) =>
    spec.given([registered]).when(justify('2020-Q4')).thenFails(t, 'PERIOD_OUTSIDE_PLAN_YEAR'),
  );
});

t.test('AddJustification, reserved', async (t) => {
  const action = { action: 'Revisar expedientes con datos personales', owner: 'Jefatura de Pensiones', dueDate: '2021-06-30' };
  const justifyReserved = (reserved: boolean | undefined, actionReserved: boolean | undefined): IndicatorCommand => ({
    type: 'AddJustification',
    data: {
      code,
      period: '2021-Q1',
      text: 'Expedientes de un proceso judicial en curso',
      ...(reserved === undefined ? {} : { reserved }),
      correctiveActions: [
        { ...action, ...(actionReserved === undefined ? {} : { reserved: actionReserved }) },
        { ...action, action: 'Informar al comité' },
      ],
    },
  });
  const decide = (command: IndicatorCommand) =>
    decideIndicator(command, {
      plan,
      signOff: initialSignOffState(),
      recordedAt: '2021-04-15T12:00:00.000Z',
      indicator: [registered, resultQ1].reduce(evolveIndicator, initialIndicatorState()),
    });

  t.test('given a critical result, when a reserved justification with one reserved action is added, then both marks are recorded', async (t) =>
    spec
      .given([registered, resultQ1])
      .when(justifyReserved(true, true))
      .then(t, [
        {
          type: 'JustificationAdded',
          data: {
            ...ref,
            period: '2021-Q1',
            justificationNumber: 1,
            text: 'Expedientes de un proceso judicial en curso',
            reserved: true,
            correctiveActions: [
              { ...action, reserved: true },
              { ...action, action: 'Informar al comité' },
            ],
          },
        },
      ]),
  );

  t.test('given a critical result, when a justification is marked not reserved, then the event has no mark at all (as before marking existed)', async (t) => {
    for (const [reserved, actionReserved] of [
      [false, false],
      [undefined, undefined],
    ] as const) {
      const [event] = decide(justifyReserved(reserved, actionReserved));
      t.equal(event?.type, 'JustificationAdded');
      const data = event?.data as Record<string, unknown> & { correctiveActions: Record<string, unknown>[] };
      t.notOk('reserved' in data, `no reserved key on the justification (${String(reserved)})`);
      t.notOk(
        data.correctiveActions.some((a) => 'reserved' in a),
        `no reserved key on any action (${String(actionReserved)})`,
      );
    }
  });

  t.test('given an old JustificationAdded without marks, when it is read, then it parses as not reserved', async (t) => {
    const parsed = justificationAddedSchema.parse({
      type: 'JustificationAdded',
      data: { ...ref, period: '2021-Q1', justificationNumber: 1, text: 'Antes', correctiveActions: [action] },
    });
    t.equal(parsed.data.reserved, undefined);
    t.equal(parsed.data.correctiveActions[0]?.reserved, undefined);
    t.notOk('reserved' in parsed.data, 'and no key appears');
    t.throws(() => justificationAddedSchema.parse({ type: 'JustificationAdded', data: { ...parsed.data, reserved: false } }), 'an event only ever says true');
  });
});

t.test('retired units and perspectives', async (t) => {
  const retirements: PlanEvent[] = [
    { type: 'UnitRetired', data: { planId, code: 'DNGF' } },
    { type: 'PerspectiveRetired', data: { planId, code: 'procesos' } },
  ];
  const retiredPlan = [...planEvents, ...retirements].reduce(evolvePlan, initialPlanState());
  const inRetiredPlan = deciderSpec<IndicatorCommand, IndicatorEvent, IndicatorContext>({
    decide: decideIndicator,
    evolve: (context, event) => ({ ...context, indicator: evolveIndicator(context.indicator, event) }),
    initialState: () => ({ plan: retiredPlan, signOff: initialSignOffState(), recordedAt: '2021-04-15T12:00:00.000Z', indicator: initialIndicatorState() }),
  });

  t.test('given a retired unit, when an indicator is registered in it, then it fails with UNIT_RETIRED', async (t) =>
    inRetiredPlan
      .given([])
      .when({ type: 'RegisterIndicator', data: { code, ...definition, unit: 'DNGF' } })
      .thenFails(t, 'UNIT_RETIRED'),
  );

  t.test('given a retired perspective, when an indicator is registered in it, then it fails with PERSPECTIVE_RETIRED', async (t) =>
    inRetiredPlan
      .given([])
      .when({ type: 'RegisterIndicator', data: { code, ...definition, perspective: 'procesos' } })
      .thenFails(t, 'PERSPECTIVE_RETIRED'),
  );

  t.test('given an indicator, when it is moved into a retired unit or perspective, then it fails', async (t) => {
    inRetiredPlan
      .given([registered])
      .when({ type: 'AmendIndicator', data: { code, changes: { unit: 'DNGF' } } })
      .thenFails(t, 'UNIT_RETIRED');
    inRetiredPlan
      .given([registered])
      .when({ type: 'AmendIndicator', data: { code, changes: { perspective: 'procesos' } } })
      .thenFails(t, 'PERSPECTIVE_RETIRED');
  });

  t.test('given an indicator in a unit retired since, when its name is amended, then the amendment stands', async (t) =>
    inRetiredPlan
      .given([{ type: 'IndicatorRegistered', data: { ...ref, definition: { ...definition, unit: 'DNGF' } } }])
      .when({ type: 'AmendIndicator', data: { code, changes: { name: 'Otro nombre' } } })
      .then(t, [{ type: 'IndicatorAmended', data: { ...ref, changes: { name: 'Otro nombre' }, previous: { name: definition.name } } }]),
  );
});
