import t from 'tap';
import type { PlanEvent } from '../plan/plan-events.js';
import { evolvePlan, initialPlanState } from '../plan/plan-state.js';
import { deciderSpec } from '../shared/decider-spec.js';
import type { PublicationCommand, PublishEvaluation } from './publication-commands.js';
import { decidePublication } from './publication-decider.js';
import type { EvaluationPublished, PublicationEvent } from './publication-events.js';
import { evolvePublication, initialPublicationState, type PublicationState } from './publication-state.js';

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
const plan = [planOpened].reduce(evolvePlan, initialPlanState());

/** The period's editions are the "given"; the plan is fixed context. */
const specWith = (planState: typeof plan) =>
  deciderSpec<PublicationCommand, PublicationEvent, PublicationState>({
    decide: (command, state) => decidePublication(command, state, { plan: planState }),
    evolve: evolvePublication,
    initialState: initialPublicationState,
  });
const spec = specWith(plan);

const digestA = 'a'.repeat(64);
const digestB = 'b'.repeat(64);
const publish = (data: Partial<PublishEvaluation['data']> = {}): PublishEvaluation => ({
  type: 'PublishEvaluation',
  data: { period: '2021-Q2', position: '900:1', digest: digestA, method: 'v1', allowUnapprovedUnits: false, unapprovedUnits: [], ...data },
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

t.test('publishing with unapproved units needs the explicit flag, and the edition names them (sorted, once each)', async (t) => {
  spec
    .given([])
    .when(publish({ unapprovedUnits: ['DSP', 'DNGF'] }))
    .thenFails(t, 'UNAPPROVED_UNITS');
  spec
    .given([])
    .when(publish({ unapprovedUnits: ['DSP', 'DNGF', 'DSP'], allowUnapprovedUnits: true }))
    .then(t, [{ ...first, data: { ...first.data, unapprovedUnits: ['DNGF', 'DSP'] } }]);
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
