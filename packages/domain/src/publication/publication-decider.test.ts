import t from 'tap';
import type { PlanEvent } from '../plan/plan-events.js';
import { evolvePlan, initialPlanState } from '../plan/plan-state.js';
import { deciderSpec } from '../shared/decider-spec.js';
import type { SignOffEvent } from '../sign-off/sign-off-events.js';
import { evolveSignOff, initialSignOffState, type SignOffState } from '../sign-off/sign-off-state.js';
import type { PublicationCommand, PublishEvaluation } from './publication-commands.js';
import { decidePublication } from './publication-decider.js';
import type { EvaluationPublished, PublicationEvent } from './publication-events.js';
import { evolvePublication, initialPublicationState, type PublicationState } from './publication-state.js';
import { editionReportLayout } from './report-layouts.js';

const planId = 'upisss-2021';
const planOpened: PlanEvent = {
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
const plan = [
  planOpened,
  { type: 'UnitDefined', data: { planId, code: 'DNGF', name: 'Gestión Financiera', parentCode: null, areaClass: 'administrative' } },
  { type: 'UnitDefined', data: { planId, code: 'DSP', name: 'Pensiones', parentCode: 'DNGF', areaClass: 'administrative' } },
].reduce((state, event) => evolvePlan(state, event as PlanEvent), initialPlanState());

const approved = (period: string, ...units: string[]): SignOffEvent[] => units.map((unit) => ({ type: 'UnitPeriodApproved', data: { planId, period, unit } }));
const signOffOf = (events: SignOffEvent[]): SignOffState => events.reduce(evolveSignOff, initialSignOffState());
/** Both units approved for 2021-Q2. */
const everyUnitApproved = signOffOf(approved('2021-Q2', 'DSP', 'DNGF'));

/** The period's editions are the "given"; the plan and its sign-off are fixed context. */
const specWith = (planState: typeof plan, signOff: SignOffState = everyUnitApproved) =>
  deciderSpec<PublicationCommand, PublicationEvent, PublicationState>({
    decide: (command, state) => decidePublication(command, state, { plan: planState, signOff }),
    evolve: evolvePublication,
    initialState: initialPublicationState,
  });
const spec = specWith(plan);

const digestA = 'a'.repeat(64);
const digestB = 'b'.repeat(64);
const publish = (data: Partial<PublishEvaluation['data']> = {}): PublishEvaluation => ({
  type: 'PublishEvaluation',
  data: { period: '2021-Q2', position: '900:1', digest: digestA, method: 'v1', allowUnapprovedUnits: false, ...data },
});
const first: EvaluationPublished = {
  type: 'EvaluationPublished',
  data: { planId, period: '2021-Q2', edition: 1, position: '900:1', digest: digestA, method: 'v1', unapprovedUnits: [], reason: null },
};

t.test('the first publication of a period is edition 1', async (t) => {
  spec.given([]).when(publish()).then(t, [first]);
});

t.test('the first edition keeps a reason when one is given', async (t) => {
  spec
    .given([])
    .when(publish({ reason: 'Cierre del trimestre' }))
    .then(t, [{ ...first, data: { ...first.data, reason: 'Cierre del trimestre' } }]);
});

t.test('a later publication is a restatement, numbered on, and needs a reason', async (t) => {
  spec
    .given([first])
    .when(publish({ position: '950:3', digest: digestB, reason: 'Corrección del resultado de DSP' }))
    .then(t, [
      {
        type: 'EvaluationPublished',
        data: { ...first.data, edition: 2, position: '950:3', digest: digestB, reason: 'Corrección del resultado de DSP' },
      },
    ]);
  spec
    .given([first])
    .when(publish({ position: '950:3', digest: digestB }))
    .thenFails(t, 'REASON_REQUIRED');
});

t.test('publishing twice at the same position is refused: nothing changed', async (t) => {
  spec
    .given([first])
    .when(publish({ reason: 'otra vez' }))
    .thenFails(t, 'EDITION_UNCHANGED');
});

t.test('publishing the same evaluation at a later position is refused too: its bytes are those of the latest edition', async (t) => {
  spec
    .given([first])
    .when(publish({ position: '990:1', reason: 'otra vez' }))
    .thenFails(t, 'EDITION_UNCHANGED');
});

t.test('an earlier edition at the same position does not block: only the latest is compared', async (t) => {
  const second: EvaluationPublished = { type: 'EvaluationPublished', data: { ...first.data, edition: 2, position: '950:3', digest: digestB, reason: 'r' } };
  spec
    .given([first, second])
    .when(publish({ position: '990:1', digest: digestA, reason: 'vuelve al original' }))
    .then(t, [{ type: 'EvaluationPublished', data: { ...first.data, edition: 3, position: '990:1', reason: 'vuelve al original' } }]);
});

t.test('publishing while units are not approved for the period needs the explicit flag, and the edition names them', async (t) => {
  const onlyDsp = specWith(plan, signOffOf(approved('2021-Q2', 'DSP')));
  onlyDsp.given([]).when(publish()).thenFails(t, 'UNAPPROVED_UNITS');
  onlyDsp
    .given([])
    .when(publish({ allowUnapprovedUnits: true }))
    .then(t, [{ ...first, data: { ...first.data, unapprovedUnits: ['DNGF'] } }]);
  // Approvals of another period do not count; no sign-off at all leaves every unit unapproved, sorted.
  const otherPeriod = specWith(plan, signOffOf(approved('2021-Q1', 'DSP', 'DNGF')));
  otherPeriod
    .given([])
    .when(publish({ allowUnapprovedUnits: true }))
    .then(t, [{ ...first, data: { ...first.data, unapprovedUnits: ['DNGF', 'DSP'] } }]);
  specWith(plan, initialSignOffState()).given([]).when(publish()).thenFails(t, 'UNAPPROVED_UNITS');
});

t.test('the flag without unapproved units changes nothing', async (t) => {
  spec
    .given([])
    .when(publish({ allowUnapprovedUnits: true }))
    .then(t, [first]);
});

t.test('a period outside the plan year is refused', async (t) => {
  spec
    .given([])
    .when(publish({ period: '2022-Q1' }))
    .thenFails(t, 'PERIOD_OUTSIDE_PLAN_YEAR');
});

t.test('a plan that does not exist cannot be published', async (t) => {
  specWith(initialPlanState()).given([]).when(publish()).thenFails(t, 'PLAN_NOT_FOUND');
});

t.test('an edition records the report layouts it is published with, so a later layout never changes its documents', async (t) => {
  const reportLayouts = { html: 'v2', pdf: 'v1', xlsx: 'v1' };
  spec
    .given([])
    .when(publish({ reportLayouts }))
    .then(t, [{ ...first, data: { ...first.data, reportLayouts } }]);
  t.equal(editionReportLayout({ reportLayouts }, 'html'), 'v2');
  t.equal(editionReportLayout({ reportLayouts }, 'pdf'), 'v1');
});

t.test('an edition published before layouts were recorded reads as layout v1 in every format', async (t) => {
  const [edition] = [first].reduce(evolvePublication, initialPublicationState()).editions;
  t.notOk('reportLayouts' in edition!);
  for (const format of ['html', 'pdf', 'xlsx']) t.equal(editionReportLayout(edition!, format), 'v1');
});
