import t from 'tap';
import { formatPeriod, periodsOf, PERIODICITIES, parsePeriod } from '../period/index.js';
import type { PlanEvent } from '../plan/plan-events.js';
import { evolvePlan, initialPlanState, type OpenPlanState } from '../plan/plan-state.js';
import { deciderSpec } from '../shared/decider-spec.js';
import { DomainError } from '../shared/domain-error.js';
import { dataEntryDeadline } from '../sign-off/data-entry-deadline.js';
import { endsInside } from '../sign-off/period-lock.js';
import type { SignOffEvent } from '../sign-off/sign-off-events.js';
import { evolveSignOff, initialSignOffState, type RecordedSignOffEvent } from '../sign-off/sign-off-state.js';
import type { IndicatorCommand } from './indicator-commands.js';
import { decideIndicator, type IndicatorContext } from './indicator-decider.js';
import type { IndicatorEvent } from './indicator-events.js';
import { evolveIndicator, initialIndicatorState } from './indicator-state.js';

const planId = 'upisss-2021';
const opened: PlanEvent = {
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
};
const units: PlanEvent[] = [
  { type: 'UnitDefined', data: { planId, code: 'DSP', name: 'Pensiones', parentCode: null, areaClass: 'administrative' } },
  { type: 'UnitDefined', data: { planId, code: 'DSP-J', name: 'Jubilaciones', parentCode: 'DSP', areaClass: 'administrative' } },
];
const planOf = (...more: PlanEvent[]) => [opened, ...units, ...more].reduce(evolvePlan, initialPlanState());

const code = 'IE-DSP-01';
const ref = { planId, code };
const registered = (periodicity: 'monthly' | 'quarterly', unit = 'DSP'): IndicatorEvent => ({
  type: 'IndicatorRegistered',
  data: {
    ...ref,
    definition: {
      name: 'Solicitudes resueltas',
      kind: 'production',
      perspective: 'usuarios',
      unit,
      measure: 'count',
      periodicity,
      polarity: 'higher-is-better',
      accumulation: 'sum',
      formula: 'Solicitudes resueltas en el período',
    },
  },
});

const approval = (unit: string, period: string): RecordedSignOffEvent[] => [
  {
    type: 'UnitPeriodSubmitted',
    data: { planId, period, unit, previousStatus: 'open' },
    metadata: { actor: { id: 'rep-1', role: 'reporter' }, recordedAt: '2021-07-02T09:00:00.000Z' },
  },
  {
    type: 'UnitPeriodApproved',
    data: { planId, period, unit },
    metadata: { actor: { id: 'plan-1', role: 'planner' }, recordedAt: '2021-07-06T16:00:00.000Z' },
  },
];
const reopening = (unit: string, period: string): SignOffEvent => ({
  type: 'UnitPeriodReopened',
  data: { planId, period, unit, reason: 'Corrección pedida por auditoría', previousStatus: 'approved' },
});

/** Given the indicator's history, with a sign-off, a plan and an instant fixed for each story. */
const specWith = (context: Omit<IndicatorContext, 'indicator'>) =>
  deciderSpec<IndicatorCommand, IndicatorEvent, IndicatorContext>({
    decide: decideIndicator,
    evolve: (c, event) => ({ ...c, indicator: evolveIndicator(c.indicator, event) }),
    initialState: () => ({ ...context, indicator: initialIndicatorState() }),
  });
const signOffOf = (events: readonly RecordedSignOffEvent[]) => events.reduce(evolveSignOff, initialSignOffState());
const july = '2021-07-10T12:00:00.000Z';

t.test('approving a unit for a period locks what ends inside it', async (t) => {
  t.test('approving 2021-Q2 covers M04..M06, B2, B3, T1, Q2 and S1, and nothing else', async (t) => {
    const q2 = parsePeriod('2021-Q2');
    const covered = PERIODICITIES.flatMap((p) => periodsOf(2021, p))
      .filter((period) => endsInside(period, q2))
      .map(formatPeriod);
    t.same(covered.sort(), ['2021-B2', '2021-B3', '2021-M04', '2021-M05', '2021-M06', '2021-Q2', '2021-S1', '2021-T1']);
  });

  const locked = specWith({ plan: planOf(), signOff: signOffOf(approval('DSP', '2021-Q2')), recordedAt: july });

  t.test('given DSP approved for Q2, when a result of M05 is reported, then it fails PERIOD_LOCKED naming the lock', async (t) => {
    locked
      .given([registered('monthly')])
      .when({ type: 'ReportResult', data: { code, period: '2021-M05', value: '10' } })
      .thenFails(t, 'PERIOD_LOCKED');
    const error = t.throws(() =>
      decideIndicator(
        { type: 'ReportResult', data: { code, period: '2021-M05', value: '10' } },
        {
          plan: planOf(),
          signOff: signOffOf(approval('DSP', '2021-Q2')),
          recordedAt: july,
          indicator: evolveIndicator(initialIndicatorState(), registered('monthly')),
        },
      ),
    ) as DomainError;
    t.same(error.details, {
      code,
      period: '2021-M05',
      unit: 'DSP',
      lock: { period: '2021-Q2', approvedBy: { id: 'plan-1', role: 'planner' }, approvedAt: '2021-07-06T16:00:00.000Z' },
      liftedBy: { role: 'planner', by: 'ReopenUnitPeriod' },
    });
  });

  t.test('given DSP approved for Q2, when a target of Q2 is revised, then it fails PERIOD_LOCKED', async (t) =>
    locked
      .given([registered('quarterly'), { type: 'TargetSet', data: { ...ref, period: '2021-Q2', value: '100' } }])
      .when({ type: 'SetTarget', data: { code, period: '2021-Q2', value: '90', reason: 'Reprogramación' } })
      .thenFails(t, 'PERIOD_LOCKED'),
  );

  t.test('given DSP approved for Q2, when "no data" is reported for M06, then it fails PERIOD_LOCKED', async (t) =>
    locked
      .given([registered('monthly')])
      .when({ type: 'ReportResult', data: { code, period: '2021-M06', noData: true, reason: 'Sistema caído' } })
      .thenFails(t, 'PERIOD_LOCKED'),
  );

  t.test('given DSP approved for Q2, when the same result is sent again, then nothing happens (not a change)', async (t) =>
    locked
      .given([registered('monthly'), { type: 'ResultReported', data: { ...ref, period: '2021-M05', value: '10' } }])
      .when({ type: 'ReportResult', data: { code, period: '2021-M05', value: '10' } })
      .thenNothingHappens(t),
  );

  t.test('given DSP approved for Q2, when a result of M07 is reported, then it is recorded', async (t) =>
    locked
      .given([registered('monthly')])
      .when({ type: 'ReportResult', data: { code, period: '2021-M07', value: '10' } })
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-M07', value: '10' } }]),
  );

  t.test('given DSP approved for Q2, when its department DSP-J reports M05, then it is recorded (own approvals)', async (t) =>
    locked
      .given([registered('monthly', 'DSP-J')])
      .when({ type: 'ReportResult', data: { code, period: '2021-M05', value: '10' } })
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-M05', value: '10' } }]),
  );

  t.test('given DSP approved for Q2, when a justification of Q2 is added, then it is recorded (not locked)', async (t) =>
    locked
      .given([registered('quarterly')])
      .when({ type: 'AddJustification', data: { code, period: '2021-Q2', text: 'Falta de personal', correctiveActions: [] } })
      .then(t, [{ type: 'JustificationAdded', data: { ...ref, period: '2021-Q2', justificationNumber: 1, text: 'Falta de personal', correctiveActions: [] } }]),
  );

  t.test('given DSP approved for Q2 then reopened, when M05 is corrected, then it is recorded', async (t) =>
    specWith({ plan: planOf(), signOff: signOffOf([...approval('DSP', '2021-Q2'), reopening('DSP', '2021-Q2')]), recordedAt: july })
      .given([registered('monthly'), { type: 'ResultReported', data: { ...ref, period: '2021-M05', value: '10' } }])
      .when({ type: 'ReportResult', data: { code, period: '2021-M05', value: '12', reason: 'Conteo corregido' } })
      .then(t, [{ type: 'ResultCorrected', data: { ...ref, period: '2021-M05', value: '12', previousValue: '10' } }]),
  );

  t.test('given DSP reopened for Q2 and approved again, when M05 is corrected, then it fails PERIOD_LOCKED', async (t) =>
    specWith({
      plan: planOf(),
      signOff: signOffOf([...approval('DSP', '2021-Q2'), reopening('DSP', '2021-Q2'), ...approval('DSP', '2021-Q2')]),
      recordedAt: july,
    })
      .given([registered('monthly'), { type: 'ResultReported', data: { ...ref, period: '2021-M05', value: '10' } }])
      .when({ type: 'ReportResult', data: { code, period: '2021-M05', value: '12', reason: 'Conteo corregido' } })
      .thenFails(t, 'PERIOD_LOCKED'),
  );
});

t.test('a data-entry window closes results some days after their period ends', async (t) => {
  const window10: PlanEvent = { type: 'DataEntryWindowSet', data: { planId, periodicity: 'monthly', days: 10, previousDays: null } };

  t.test('the deadline of M05 with 10 days is 2021-06-11T00:00Z (results accepted through June 10th, UTC)', async (t) => {
    t.equal(dataEntryDeadline(planOf(window10) as OpenPlanState, parsePeriod('2021-M05')), '2021-06-11T00:00:00.000Z');
    t.equal(dataEntryDeadline(planOf(window10) as OpenPlanState, parsePeriod('2021-M12')), '2022-01-11T00:00:00.000Z');
    t.equal(dataEntryDeadline(planOf(window10) as OpenPlanState, parsePeriod('2021-Q2')), null, 'no window for quarterly');
  });

  t.test('a plan whose fiscal year starts in July ends fiscal month 6 in December', async (t) => {
    const july = [{ ...opened, data: { ...opened.data, fiscalYearStartMonth: 7 } } as PlanEvent, window10].reduce(evolvePlan, initialPlanState());
    t.equal(dataEntryDeadline(july as OpenPlanState, parsePeriod('2021-M06')), '2022-01-11T00:00:00.000Z');
  });

  const at = (recordedAt: string, ...signOff: RecordedSignOffEvent[]) => specWith({ plan: planOf(window10), signOff: signOffOf(signOff), recordedAt });

  t.test('given a 10-day window, when M05 is reported on June 10th, then it is recorded', async (t) =>
    at('2021-06-10T23:59:59.999Z')
      .given([registered('monthly')])
      .when({ type: 'ReportResult', data: { code, period: '2021-M05', value: '10' } })
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-M05', value: '10' } }]),
  );

  t.test('given a 10-day window, when M05 is reported on June 11th, then it fails DATA_ENTRY_CLOSED with the deadline', async (t) => {
    at('2021-06-11T00:00:00.000Z')
      .given([registered('monthly')])
      .when({ type: 'ReportResult', data: { code, period: '2021-M05', value: '10' } })
      .thenFails(t, 'DATA_ENTRY_CLOSED');
    const error = t.throws(() =>
      decideIndicator(
        { type: 'ReportResult', data: { code, period: '2021-M05', value: '10' } },
        {
          plan: planOf(window10),
          signOff: initialSignOffState(),
          recordedAt: '2021-06-11T00:00:00.000Z',
          indicator: evolveIndicator(initialIndicatorState(), registered('monthly')),
        },
      ),
    ) as DomainError;
    t.match(error.details, { deadline: '2021-06-11T00:00:00.000Z', days: 10, period: '2021-M05', unit: 'DSP' });
  });

  t.test('given a closed window, when a target is set, then it is recorded (the window is for results)', async (t) =>
    at('2021-08-01T00:00:00.000Z')
      .given([registered('monthly')])
      .when({ type: 'SetTarget', data: { code, period: '2021-M05', value: '10' } })
      .then(t, [{ type: 'TargetSet', data: { ...ref, period: '2021-M05', value: '10' } }]),
  );

  t.test('given a closed window and DSP reopened for Q2, when M05 is reported, then it is recorded', async (t) =>
    at('2021-08-01T00:00:00.000Z', reopening('DSP', '2021-Q2'))
      .given([registered('monthly')])
      .when({ type: 'ReportResult', data: { code, period: '2021-M05', value: '10' } })
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-M05', value: '10' } }]),
  );

  t.test('given a closed window and DSP reopened for Q1, when M05 is reported, then it still fails', async (t) =>
    at('2021-08-01T00:00:00.000Z', reopening('DSP', '2021-Q1'))
      .given([registered('monthly')])
      .when({ type: 'ReportResult', data: { code, period: '2021-M05', value: '10' } })
      .thenFails(t, 'DATA_ENTRY_CLOSED'),
  );

  t.test('given the window was cleared, when M05 is reported late, then it is recorded', async (t) =>
    specWith({
      plan: planOf(window10, { type: 'DataEntryWindowSet', data: { planId, periodicity: 'monthly', days: null, previousDays: 10 } }),
      signOff: initialSignOffState(),
      recordedAt: '2021-12-01T00:00:00.000Z',
    })
      .given([registered('monthly')])
      .when({ type: 'ReportResult', data: { code, period: '2021-M05', value: '10' } })
      .then(t, [{ type: 'ResultReported', data: { ...ref, period: '2021-M05', value: '10' } }]),
  );
});

t.test(
  'given a period locked by an approval and a refusing plausibility rule, when an implausible result is reported, then the lock is what it says',
  async (t) => {
    const spec = specWith({ plan: planOf(), signOff: signOffOf(approval('DSP', '2021-Q1')), recordedAt: '2021-07-08T12:00:00.000Z' });
    const rules: IndicatorEvent = { type: 'PlausibilityRulesSet', data: { ...ref, rules: { minimum: { value: '0', level: 'refuse' } }, previous: null } };
    spec
      .given([registered('monthly'), rules])
      .when({ type: 'ReportResult', data: { code, period: '2021-M02', value: '-1' } })
      .thenFails(t, 'PERIOD_LOCKED');
    spec
      .given([registered('monthly'), rules])
      .when({ type: 'ReportResult', data: { code, period: '2021-M04', value: '-1' } })
      .thenFails(t, 'IMPLAUSIBLE_RESULT');
  },
);
