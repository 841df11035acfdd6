import { periodIdSchema, signOffStream, type SignOffCommand } from '@semaforo/domain';
import { HttpProblem, problemFromError } from '@semaforo/http';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/authentication.js';
import { approvalBoard, type ApprovalBoard } from '../../routes/sign-off/get-approval-board.js';
import { html, type Html } from '../html.js';
import { pageLayout } from '../layout/page-layout.js';
import { PAGE_PROBLEM_RULES } from '../page-problems.js';
import { acceptsHtml } from '../accepts-html.js';
import { linkTo, pageContext, type PageContext } from '../page-context.js';
import { peopleOf } from '../people.js';
import { defaultQuarter, evaluationPeriodsOf, fiscalYearOf, pageParams } from '../plan-period.js';
import { sendPage } from '../send-page.js';

/** The four planner transitions of the board, by the URL segment the API gives each. */
const TRANSITIONS = {
  approval: { type: 'ApproveUnitPeriod', field: 'comment', required: false },
  return: { type: 'ReturnUnitPeriod', field: 'comment', required: true },
  unapproval: { type: 'UnapproveUnitPeriod', field: 'reason', required: true },
  reopening: { type: 'ReopenUnitPeriod', field: 'reason', required: true },
} as const;
type Transition = keyof typeof TRANSITIONS;
const isTransition = (value: string | undefined): value is Transition => value !== undefined && Object.hasOwn(TRANSITIONS, value);

const canPlan = (context: PageContext) => context.principal?.role === 'admin' || context.principal?.role === 'planner';

function periodOf(app: FastifyInstance, planId: string, asked: string | undefined): string {
  const year = fiscalYearOf(planId);
  const period = asked ?? defaultQuarter(year, app.access.now());
  if (!periodIdSchema.safeParse(period).success || !period.startsWith(String(year)))
    throw new HttpProblem(404, 'PERIOD_NOT_FOUND', `Not a period of the plan's year ${year}: ${period}.`);
  return period;
}

/**
 * GET /app/plans/{planId}/sign-off?period=: the approval board (the same
 * fold as `GET …/periods/{period}/approvals`), with the planner's forms
 * per unit. POST …/sign-off/{period}/{unit}/{transition}: one transition
 * through the write side; a refusal (CHILD_UNITS_NOT_APPROVED…) is shown
 * on the board itself, in the page's language, with the code.
 */
export const signOffPages: FastifyPluginAsync = async (app) => {
  app.get('/app/plans/:planId/sign-off', { schema: { hide: true } }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const context = pageContext(request);
    const period = periodOf(app, planId, context.query['period']);
    const board = await approvalBoard(app, planId, period, context.asOf);
    const done = context.query['done'];
    const notice = isTransition(done) && context.asOf === undefined ? html`<p class="notice ok" role="status">${context.labels.board.done[done]}</p>` : html``;
    return sendPage(reply, await boardPage(app, request, context, board, notice));
  });

  app.post('/app/plans/:planId/sign-off/:period/:unit/:transition', { schema: { hide: true } }, async (request, reply) => {
    const { planId, unit = '' } = pageParams(request.params);
    const raw = request.params as Record<string, string | undefined>;
    const transition = raw['transition'];
    const context = pageContext(request);
    const period = periodOf(app, planId, raw['period']);
    if (!isTransition(transition)) throw new HttpProblem(404, 'NOT_FOUND', 'No such sign-off transition.');
    if (context.asOf !== undefined) throw new HttpProblem(409, 'READ_ONLY_PAST', 'A page shown as of a past moment takes no changes. Go back to the present.');
    const { type, field } = TRANSITIONS[transition];
    const sent = (request.body as Record<string, unknown> | undefined)?.[field];
    const text = typeof sent === 'string' && sent.trim() !== '' ? sent.trim() : undefined;
    const command = { type, data: { period, unit, ...(text === undefined ? {} : { [field]: text }) } } as SignOffCommand;
    try {
      await app.writeSide.execute(signOffStream(planId), command, app.commandMetadata(request));
    } catch (error) {
      const { problem, internal } = problemFromError(error, PAGE_PROBLEM_RULES, { language: context.lang, instance: context.path });
      // A client that takes no HTML (a script posting the form) gets the API's problem+json, as from every page.
      if (!acceptsHtml(request) || internal || problem.status >= 500 || problem.status === 401 || problem.status === 403) throw error;
      const board = await approvalBoard(app, planId, period, undefined);
      const message = context.labels.board.errors[problem.code] ?? problem.detail;
      const notice = html`<div class="notice error" role="alert" data-testid="sign-off-error">
        <p><strong>${message}</strong></p>
        <p class="muted">${unit} · ${context.labels.error.code}: <code>${problem.code}</code></p>
      </div>`;
      return sendPage(reply.code(problem.status), await boardPage(app, request, context, board, notice));
    }
    return reply.redirect(linkTo(context, `/app/plans/${planId}/sign-off`, { period, done: transition }), 303);
  });
};

async function boardPage(app: FastifyInstance, request: FastifyRequest, context: PageContext, board: ApprovalBoard, notice: Html): Promise<Html> {
  const l = context.labels;
  const b = l.board;
  const principal = principalOf(request);
  const person = await peopleOf(app, principal.institutionId);
  const planning = canPlan(context) && context.asOf === undefined;
  const base = `/app/plans/${board.planId}/sign-off/${board.period}`;
  const form = (unit: string, transition: Transition, label: string, textLabel: string, required: boolean) => {
    const id = `${transition}-${unit}`;
    return html`<form method="post" action="${linkTo({ ...context, asOf: undefined }, `${base}/${unit}/${transition}`)}" class="inline">
      <input type="hidden" name="_csrf" value="${context.csrf}" />
      <label for="${id}">${textLabel}</label>
      <input id="${id}" name="${TRANSITIONS[transition].field}" maxlength="2000" ${required ? html`required` : ''} />
      <button type="submit">${label}</button>
    </form>`;
  };
  const actions = (unit: ApprovalBoard['units'][number]): Html => {
    if (!planning) {
      if ((principal.role === 'reporter' || principal.role === 'admin') && /^\d{4}-M\d{2}$/.test(board.period) && context.asOf === undefined)
        return html`<a href="${linkTo(context, `/app/plans/${board.planId}/entry/${unit.unit}/${board.period}`)}">${b.submitOnEntry}</a>`;
      return html``;
    }
    const forms: Html[] = [];
    if (unit.status === 'submitted')
      forms.push(form(unit.unit, 'approval', b.approve, b.commentOptional, false), form(unit.unit, 'return', b.return, b.commentRequired, true));
    if (unit.status === 'approved') forms.push(form(unit.unit, 'unapproval', b.unapprove, b.reasonRequired, true));
    forms.push(form(unit.unit, 'reopening', b.reopen, b.reasonRequired, true));
    return html`${forms}`;
  };
  const periods = evaluationPeriodsOf(fiscalYearOf(board.planId));
  const body = html`${notice}
    <form method="get" action="${context.path}" class="filters">
      ${context.asOf === undefined ? '' : html`<input type="hidden" name="asOf" value="${context.asOf}" />`}
      <div>
        <label for="period">${b.period}</label>
        <select id="period" name="period">
          ${periods.map((p) => html`<option value="${p}" ${p === board.period ? html`selected` : ''}>${p}</option>`)}
        </select>
      </div>
      <button type="submit">${b.show}</button>
    </form>
    ${context.asOf !== undefined && canPlan(context) ? html`<p class="notice">${b.pastReadOnly}</p>` : ''}
    <p data-testid="sign-off-counts">
      ${(['open', 'submitted', 'approved', 'returned'] as const).map((s) => html`<span class="pill">${l.entry.signOffStatuses[s]}: <strong>${board.counts[s]}</strong></span> `)}
    </p>
    <div class="table-wrap">
      <table data-testid="sign-off-board" class="stack">
        <thead>
          <tr>
            <th scope="col">${b.unit}</th>
            <th scope="col">${b.status}</th>
            <th scope="col">${b.who}</th>
            <th scope="col">${b.when}</th>
            <th scope="col">${b.comment}</th>
            <th scope="col">${b.actions}</th>
          </tr>
        </thead>
        <tbody>
          ${board.units.map(
            (unit) =>
              html`<tr data-unit="${unit.unit}">
                <th scope="row">${unit.unit} <span class="muted">${unit.name}</span></th>
                <td class="sign-off-${unit.status}" data-label="${b.status}">${l.entry.signOffStatuses[unit.status]}</td>
                <td data-label="${b.who}">${unit.by === null ? '—' : person(unit.by.id)}</td>
                <td data-label="${b.when}">${unit.at ?? '—'}</td>
                <td data-label="${b.comment}">
                  ${unit.comment ?? ''}
                  ${unit.approved === null ? '' : html`<span class="muted block">${b.approvedBy} ${unit.approved.by === null ? '—' : person(unit.approved.by.id)}, ${unit.approved.at ?? ''}</span>`}
                  ${unit.reopened === null ? '' : html`<span class="muted block">${b.reopenedBy} ${unit.reopened.by === null ? '—' : person(unit.reopened.by.id)}: ${unit.reopened.reason}</span>`}
                </td>
                <td data-label="${b.actions}">${actions(unit)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  return pageLayout(context, { title: b.title(board.period), body, planId: board.planId, position: board.position });
}
