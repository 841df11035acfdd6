import t from 'tap';
import type { IndicatorCommand } from '../indicator/indicator-commands.js';
import { decideIndicator, type IndicatorContext } from '../indicator/indicator-decider.js';
import type { IndicatorDefinition } from '../indicator/indicator-definition.js';
import type { IndicatorEvent } from '../indicator/indicator-events.js';
import { evolveIndicator, initialIndicatorState } from '../indicator/indicator-state.js';
import type { PlanEvent } from '../plan/plan-events.js';
import { evolvePlan, initialPlanState } from '../plan/plan-state.js';
import { deciderSpec } from '../shared/decider-spec.js';
import { DomainError } from '../shared/domain-error.js';
import { initialSignOffState } from '../sign-off/sign-off-state.js';
import type { PlausibilityRules } from './plausibility-rules.js';

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
      perspectives: [{ code: 'financiera', name: 'Financiera' }],
      evaluationScale: { criticalBelow: '85', goodAbove: '99' },
      evaluationMethod: 'v1',
    },
  },
  { type: 'UnitDefined', data: { planId, code: 'DNGF', name: 'Gestión Financiera', parentCode: null, areaClass: 'administrative' } },
];
const plan = planEvents.reduce(evolvePlan, initialPlanState());

const spec = deciderSpec<IndicatorCommand, IndicatorEvent, IndicatorContext>({
  decide: decideIndicator,
  evolve: (context, event) => ({ ...context, indicator: evolveIndicator(context.indicator, event) }),
  initialState: () => ({ plan, signOff: initialSignOffState(), recordedAt: '2021-04-15T12:00:00.000Z', indicator: initialIndicatorState() }),
});

const code = 'IE-DNGF-NA-11';
const ref = { planId, code };
const percent: IndicatorDefinition = {
  name: 'Porcentaje de ejecución presupuestaria',
  kind: 'result',
  perspective: 'financiera',
  unit: 'DNGF',
  measure: 'percent',
  periodicity: 'quarterly',
  polarity: 'higher-is-better',
  accumulation: 'last',
  formula: 'Presupuesto ejecutado / presupuesto programado × 100',
};
const gapCode = 'IE-DNGF-NA-12';
const gap: IndicatorDefinition = { ...percent, name: 'Brecha financiera', measure: 'currency', formula: 'Ingresos − gastos' };
const registeredPercent: IndicatorEvent = { type: 'IndicatorRegistered', data: { ...ref, definition: percent } };
const registeredGap: IndicatorEvent = { type: 'IndicatorRegistered', data: { planId, code: gapCode, definition: gap } };

const report = (value: string, extra: { numerator?: string; denominator?: string; reason?: string } = {}, onCode = code): IndicatorCommand => ({
  type: 'ReportResult',
  data: { code: onCode, period: '2021-Q1', value, ...extra },
});
const setRules = (rules: PlausibilityRules, onCode = code): IndicatorCommand => ({ type: 'SetPlausibilityRules', data: { code: onCode, rules } });
const rulesSet = (rules: PlausibilityRules, previous: PlausibilityRules | null, onCode = code): IndicatorEvent => ({
  type: 'PlausibilityRulesSet',
  data: { planId, code: onCode, rules, previous },
});

/** The error a command fails with, for its details. */
const failure = (given: IndicatorEvent[], command: IndicatorCommand): DomainError => {
  const context = given.reduce((c, e) => ({ ...c, indicator: evolveIndicator(c.indicator, e) }), {
    plan,
    signOff: initialSignOffState(),
    recordedAt: '2021-04-15T12:00:00.000Z',
    indicator: initialIndicatorState(),
  } as IndicatorContext);
  try {
    decideIndicator(command, context);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the command did not fail');
};

t.test('defaults, when no rules were ever set', async (t) => {
  t.test('given a percent indicator, when a result between 0 and 100 is reported, then it carries no warnings', async (t) =>
    spec
      .given([registeredPercent])
      .when(report('97.56'))
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '97.56' } }]),
  );

  t.test('given a percent indicator, when 100 exactly is reported, then the bound is inclusive', async (t) =>
    spec
      .given([registeredPercent])
      .when(report('100'))
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '100' } }]),
  );

  t.test('given a percent indicator, when 120 is reported, then it is accepted with a warning: over-achievement is legitimate', async (t) =>
    spec
      .given([registeredPercent])
      .when(report('120'))
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '120', warnings: [{ rule: 'maximum', level: 'warn', bound: '100' }] } }]),
  );

  t.test('given a percent indicator, when a negative percent is reported, then it warns of the minimum 0', async (t) =>
    spec
      .given([registeredPercent])
      .when(report('-3.5'))
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '-3.5', warnings: [{ rule: 'minimum', level: 'warn', bound: '0' }] } }]),
  );

  t.test('given a percent indicator, when the parts make the value (× 100, rounded as the value is), then no warning', async (t) =>
    spec
      .given([registeredPercent])
      .when(report('97.56', { numerator: '1282', denominator: '1314' }))
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '97.56', numerator: '1282', denominator: '1314' } }]),
  );

  t.test('given a percent indicator, when the parts do not make the value, then it warns with the expected quotient', async (t) =>
    spec
      .given([registeredPercent])
      .when(report('82.93', { numerator: '3725', denominator: '3089' }))
      .then(t, [
        {
          type: 'ResultReported',
          data: {
            ...ref,
            period: '2021-Q1',
            value: '82.93',
            numerator: '3725',
            denominator: '3089',
            warnings: [{ rule: 'ratioCheck', level: 'warn', expected: '120.59', scale: '100' }],
          },
        },
      ]),
  );

  t.test('given a percent shown with two decimals, when "98" is reported for 97.56 %, then the display decimals make it a warning', async (t) =>
    spec
      .given([registeredPercent, { type: 'IndicatorAmended', data: { ...ref, changes: { decimals: 2 }, previous: { decimals: null } } }])
      .when(report('98', { numerator: '1282', denominator: '1314' }))
      .then(t, [
        {
          type: 'ResultReported',
          data: {
            ...ref,
            period: '2021-Q1',
            value: '98',
            numerator: '1282',
            denominator: '1314',
            warnings: [{ rule: 'ratioCheck', level: 'warn', expected: '97.56', scale: '100' }],
          },
        },
      ]),
  );

  t.test('given a percent indicator, when the denominator is zero, then it warns without dividing', async (t) =>
    spec
      .given([registeredPercent])
      .when(report('0', { numerator: '0', denominator: '0' }))
      .then(t, [
        {
          type: 'ResultReported',
          data: { ...ref, period: '2021-Q1', value: '0', numerator: '0', denominator: '0', warnings: [{ rule: 'ratioCheck', level: 'warn', scale: '100' }] },
        },
      ]),
  );

  t.test('given a currency indicator, when a large negative gap is reported, then no bound applies', async (t) =>
    spec
      .given([registeredGap])
      .when(report('-375123611', {}, gapCode))
      .then(t, [{ type: 'ResultReported', data: { planId, code: gapCode, period: '2021-Q1', value: '-375123611' } }]),
  );

  t.test('given a currency indicator, when its parts are negative and make the value (× 1), then no warning', async (t) =>
    spec
      .given([registeredGap])
      .when(report('-1.5', { numerator: '-3', denominator: '2' }, gapCode))
      .then(t, [{ type: 'ResultReported', data: { planId, code: gapCode, period: '2021-Q1', value: '-1.5', numerator: '-3', denominator: '2' } }]),
  );

  t.test('given a currency indicator, when both parts are negative, then their quotient is positive and no warning', async (t) =>
    spec
      .given([registeredGap])
      .when(report('1.5', { numerator: '-3', denominator: '-2' }, gapCode))
      .then(t, [{ type: 'ResultReported', data: { planId, code: gapCode, period: '2021-Q1', value: '1.5', numerator: '-3', denominator: '-2' } }]),
  );

  t.test('given a currency indicator, when the parts make the opposite sign, then it warns', async (t) =>
    spec
      .given([registeredGap])
      .when(report('1.5', { numerator: '-3', denominator: '2' }, gapCode))
      .then(t, [
        {
          type: 'ResultReported',
          data: {
            planId,
            code: gapCode,
            period: '2021-Q1',
            value: '1.5',
            numerator: '-3',
            denominator: '2',
            warnings: [{ rule: 'ratioCheck', level: 'warn', expected: '-1.5', scale: '1' }],
          },
        },
      ]),
  );
});

t.test('SetPlausibilityRules', async (t) => {
  const strict: PlausibilityRules = { minimum: { value: '0', level: 'refuse' }, maximum: { value: '150', level: 'warn' } };

  t.test('given no rules, when rules are set, then the event records them and that the defaults applied before', async (t) =>
    spec
      .given([registeredPercent])
      .when(setRules(strict))
      .then(t, [rulesSet(strict, null)]),
  );

  t.test('given rules, when other rules are set, then they replace them and the event tells the previous ones', async (t) => {
    const next: PlausibilityRules = { ratioCheck: { scale: '100', level: 'refuse' } };
    spec
      .given([registeredPercent, rulesSet(strict, null)])
      .when(setRules(next))
      .then(t, [rulesSet(next, strict)]);
  });

  t.test('given rules, when the same rules are set again with other spellings, then nothing happens', async (t) =>
    spec
      .given([registeredPercent, rulesSet(strict, null)])
      .when(setRules({ minimum: { value: '0.00', level: 'refuse' }, maximum: { value: '150.0', level: 'warn' } }))
      .thenNothingHappens(t),
  );

  t.test('given no rules, when a minimum above the maximum is set, then it fails', async (t) =>
    spec
      .given([registeredPercent])
      .when(setRules({ minimum: { value: '10', level: 'warn' }, maximum: { value: '-10', level: 'warn' } }))
      .thenFails(t, 'INVALID_PLAUSIBILITY_RULES'),
  );

  t.test('given a retired indicator, when rules are set, then it fails', async (t) =>
    spec
      .given([registeredPercent, { type: 'IndicatorRetired', data: ref }])
      .when(setRules(strict))
      .thenFails(t, 'INDICATOR_RETIRED'),
  );

  t.test('given no indicator, when rules are set, then it fails', async (t) => spec.given([]).when(setRules(strict)).thenFails(t, 'INDICATOR_NOT_FOUND'));
});

t.test('rules set explicitly', async (t) => {
  t.test('given a refusing minimum, when a result below it is reported, then it is refused naming the rule, the value and the bound', async (t) => {
    const given = [registeredPercent, rulesSet({ minimum: { value: '0', level: 'refuse' } }, null)];
    spec.given(given).when(report('-0.5')).thenFails(t, 'IMPLAUSIBLE_RESULT');
    const error = failure(given, report('-0.5'));
    t.same(error.details, { code, period: '2021-Q1', rule: 'minimum', value: '-0.5', bound: '0' });
    t.match(error.message, /below its minimum 0/);
  });

  t.test('given a refusing negative maximum, when a gap above it is reported, then it is refused', async (t) => {
    const given = [registeredGap, rulesSet({ maximum: { value: '-100000000', level: 'refuse' } }, null, gapCode)];
    spec
      .given(given)
      .when(report('-99999999.99', {}, gapCode))
      .thenFails(t, 'IMPLAUSIBLE_RESULT');
    spec
      .given(given)
      .when(report('-375123611', {}, gapCode))
      .then(t, [{ type: 'ResultReported', data: { planId, code: gapCode, period: '2021-Q1', value: '-375123611' } }]);
  });

  t.test('given a refusing ratio check, when the denominator is zero, then it is refused, never a division error', async (t) => {
    const given = [registeredPercent, rulesSet({ ratioCheck: { scale: '100', level: 'refuse' } }, null)];
    const error = failure(given, report('0', { numerator: '5', denominator: '0' }));
    t.equal(error.code, 'IMPLAUSIBLE_RESULT');
    t.same(error.details, { code, period: '2021-Q1', rule: 'ratioCheck', value: '0', numerator: '5', denominator: '0', scale: '100' });
  });

  t.test('given a refusing ratio check per thousand, when the value is not the quotient, then it is refused with the expected value', async (t) => {
    const given = [registeredGap, rulesSet({ ratioCheck: { scale: '1000', level: 'refuse' } }, null, gapCode)];
    const error = failure(given, report('2.5', { numerator: '3', denominator: '1000' }, gapCode));
    t.same(error.details, {
      code: gapCode,
      period: '2021-Q1',
      rule: 'ratioCheck',
      value: '2.5',
      numerator: '3',
      denominator: '1000',
      scale: '1000',
      expected: '3.0',
    });
  });

  t.test('given empty rules on a percent indicator, when 250 is reported, then the defaults no longer apply', async (t) =>
    spec
      .given([registeredPercent, rulesSet({}, null)])
      .when(report('250', { numerator: '1', denominator: '3' }))
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '250', numerator: '1', denominator: '3' } }]),
  );

  t.test('given a warning maximum and a refusing minimum, when the value is above the maximum, then a correction carries the warning', async (t) =>
    spec
      .given([
        registeredPercent,
        rulesSet({ minimum: { value: '0', level: 'refuse' }, maximum: { value: '110', level: 'warn' } }, null),
        { type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '90' } },
      ])
      .when(report('111', { reason: 'Se omitió marzo' }))
      .then(t, [
        {
          type: 'ResultCorrected',
          data: { ...ref, period: '2021-Q1', value: '111', previousValue: '90', warnings: [{ rule: 'maximum', level: 'warn', bound: '110' }] },
        },
      ]),
  );

  t.test('given a warned result, when the same result is reported again, then nothing happens (a retry)', async (t) =>
    spec
      .given([
        registeredPercent,
        { type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '120', warnings: [{ rule: 'maximum', level: 'warn', bound: '100' }] } },
      ])
      .when(report('120'))
      .thenNothingHappens(t),
  );

  t.test('given a result reported before a refusing rule, when the rule is set, then the old result stays and only new ones are judged', async (t) => {
    const given: IndicatorEvent[] = [
      registeredPercent,
      { type: 'ResultReported', data: { ...ref, period: '2021-Q1', value: '130' } },
      rulesSet({ maximum: { value: '100', level: 'refuse' } }, null),
    ];
    spec
      .given(given)
      .when(report('140', { reason: 'Revisión' }))
      .thenFails(t, 'IMPLAUSIBLE_RESULT');
    spec.given(given).when(report('130')).thenNothingHappens(t);
  });

  t.test('given refusing rules, when no data is reported, then no rule applies', async (t) =>
    spec
      .given([registeredPercent, rulesSet({ minimum: { value: '0', level: 'refuse' } }, null)])
      .when({ type: 'ReportResult', data: { code, period: '2021-Q1', noData: true, reason: 'Sistema caído' } })
      .then(t, [{ type: 'NoDataReported', data: { ...ref, period: '2021-Q1', previousValue: null } }]),
  );
});
