import {
  addJustificationDataSchema,
  DomainError,
  indicatorStream,
  indicatorStreamName,
  planStream,
  signOffStream,
  statusOf,
  submitUnitPeriodDataSchema,
  unitWithinScope,
  type OpenPlanState,
  type UnitPeriodStatus,
} from '@semaforo/domain';
import { ConcurrencyError, type RecordedEvent } from '@semaforo/event-store';
import { HttpProblem, localizedDetail } from '@semaforo/http';
import { evaluationFactsAsOf, planFactsAt } from '@semaforo/projection-evaluation-facts';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/authentication.js';
import { problemMessages } from '../../problem-messages.js';
import { reportResultBodySchema } from '../../routes/indicators/report-result.js';
import { planNotFound } from '../../routes/shared/plan-not-found.js';
import { html, type Html } from '../html.js';
import { pageLayout } from '../layout/page-layout.js';
import { linkTo, pageContext, type PageContext } from '../page-context.js';
import { peopleOf } from '../people.js';
import { fiscalYearOf, MONTHS, pageParams } from '../plan-period.js';
import { sendPage } from '../send-page.js';
import { eventName } from '../web-labels.js';
import { statusBadge } from '../components.js';
import { entryRows, resultSignature, type EntryRow } from './entry-rows.js';

type Fields = Readonly<Record<string, string>>;

/** What became of one row of a submitted form. */
interface RowOutcome {
  /** Field name (`value`, `reason`, `text`...) → message; `row` for the row as a whole. */
  readonly errors: Record<string, string>;
  /** The events someone else appended since the form was drawn, when that is why nothing was saved. */
  readonly conflict?: readonly RecordedEvent[];
  readonly saved: number;
}

async function readPlan(app: FastifyInstance, planId: string): Promise<OpenPlanState> {
  const { state } = await app.writeSide.read(planStream(planId));
  if (state.status !== 'open') throw planNotFound(planId);
  return state;
}

const MONTH_PATTERN = /^\d{4}-M(0[1-9]|1[0-2])$/;

/** Data entry: the choice of unit and month, then one form per unit and month. */
export const dataEntryPages: FastifyPluginAsync = async (app) => {
  app.get('/app/plans/:planId/entry', { schema: { hide: true } }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const context = pageContext(request);
    const principal = principalOf(request);
    const plan = await readPlan(app, planId);
    const { unit, month } = context.query;
    const units = Object.values(plan.units)
      .filter((u) => principal.role !== 'reporter' || unitWithinScope(principal.units, u.code, plan.units))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    if (unit !== undefined && month !== undefined && MONTH_PATTERN.test(month) && units.some((u) => u.code === unit)) {
      return reply.redirect(linkTo(context, `/app/plans/${planId}/entry/${encodeURIComponent(unit)}/${month}`), 303);
    }
    const l = context.labels.entry;
    const body = html`<form method="get" action="${context.path}" class="filters" data-testid="entry-chooser">
      ${context.asOf === undefined ? '' : html`<input type="hidden" name="asOf" value="${context.asOf}" />`}
      <div>
        <label for="e-unit">${l.unit}</label
        ><select id="e-unit" name="unit">
          ${units.map((u) => html`<option value="${u.code}" ${u.code === unit ? 'selected' : ''}>${u.code} · ${u.name}</option>`)}
        </select>
      </div>
      <div>
        <label for="e-month">${l.month}</label
        ><select id="e-month" name="month">
          ${MONTHS(plan.fiscalYear).map((m) => html`<option value="${m}" ${m === month ? 'selected' : ''}>${m}</option>`)}
        </select>
      </div>
      <button class="primary" type="submit">${l.open}</button>
    </form>`;
    return sendPage(reply, pageLayout(context, { title: l.choose, body, planId }));
  });

  app.get('/app/plans/:planId/entry/:unit/:period', { schema: { hide: true } }, async (request, reply) => {
    const { planId, unit = '', period = '' } = pageParams(request.params);
    const context = pageContext(request);
    const { rows, position, signOff } = await formRows(app, planId, unit, period, context.asOf);
    const saved = Number(context.query['saved'] ?? '0');
    return sendPage(reply, entryPage(context, planId, unit, period, rows, position, {}, new Map(), Number.isInteger(saved) ? saved : 0, undefined, signOff));
  });

  app.post('/app/plans/:planId/entry/:unit/:period', { schema: { hide: true } }, async (request, reply) => {
    const { planId, unit = '', period = '' } = pageParams(request.params);
    const context = pageContext(request);
    if (context.asOf !== undefined) throw new HttpProblem(409, 'READ_ONLY_PAST', 'A page shown as of a past moment takes no changes. Go back to the present.');
    const fields = formFields(request);
    const { rows } = await formRows(app, planId, unit, period, undefined);
    const outcomes = new Map<string, RowOutcome>();
    let saved = 0;
    for (const row of rows) {
      const outcome = await submitRow(app, request, planId, row, fields);
      saved += outcome.saved;
      if (Object.keys(outcome.errors).length > 0 || outcome.conflict !== undefined) outcomes.set(row.code, outcome);
    }
    if (outcomes.size === 0) return reply.redirect(linkTo(context, context.path, { saved: String(saved) }), 303);
    // Some rows were not saved: the form again, as sent, with what to fix next to each field.
    const fresh = await formRows(app, planId, unit, period, undefined);
    const person = await peopleOf(app, principalOf(request).institutionId);
    const conflicts = [...outcomes.values()].some((o) => o.conflict !== undefined);
    // A refusal writes nothing; when some rows were saved, the answer is the page as it now is (200), errors and all.
    return sendPage(
      reply.code(saved > 0 ? 200 : conflicts ? 409 : 422),
      entryPage(context, planId, unit, period, fresh.rows, fresh.position, fields, outcomes, saved, person, fresh.signOff),
    );
  });
};

/** SubmitUnitPeriod from the form: the same command, stream and rules as `POST /v1/…/units/:unit/submission`. */
export const submissionPage: FastifyPluginAsync = async (app) => {
  app.post('/app/plans/:planId/entry/:unit/:period/submission', { schema: { hide: true } }, async (request, reply) => {
    const { planId, unit = '', period = '' } = pageParams(request.params);
    const context = pageContext(request);
    if (context.asOf !== undefined) throw new HttpProblem(409, 'READ_ONLY_PAST', 'A page shown as of a past moment takes no changes. Go back to the present.');
    await formRows(app, planId, unit, period, undefined);
    const comment = blankToUndefined(formFields(request)['comment']);
    const data = submitUnitPeriodDataSchema.omit({ period: true, unit: true }).safeParse(comment === undefined ? {} : { comment });
    if (!data.success) throw new HttpProblem(400, 'VALIDATION_FAILED', 'The comment is too long.');
    await app.writeSide.execute(signOffStream(planId), { type: 'SubmitUnitPeriod', data: { ...data.data, period, unit } }, app.commandMetadata(request));
    return reply.redirect(linkTo(context, `/app/plans/${planId}/entry/${unit}/${period}`, { submitted: '1' }), 303);
  });
};

async function formRows(app: FastifyInstance, planId: string, unit: string, period: string, asOf: string | undefined) {
  const year = fiscalYearOf(planId);
  if (!MONTH_PATTERN.test(period) || Number(period.slice(0, 4)) !== year) {
    throw new HttpProblem(404, 'PERIOD_NOT_FOUND', `The form is per month of the plan's year: ${year}-M01 to ${year}-M12.`);
  }
  const plan = await readPlan(app, planId);
  if (plan.units[unit] === undefined) throw new HttpProblem(404, 'UNIT_NOT_FOUND', `The plan ${planId} has no unit ${unit}.`);
  const db = app.readModels();
  const { schema, position } = await evaluationFactsAsOf(db, asOf);
  const facts = await planFactsAt(db, planId, position, schema);
  const rows = await entryRows(app.writeSide, plan, facts, unit, period);
  const signOff = statusOf((await app.writeSide.read(signOffStream(planId))).state, period, unit);
  if (asOf === undefined || facts === null) return { rows, position: `${position.commit}:${position.prepare}`, signOff };
  // In the past the form shows what was known then: the facts' own values.
  const byCode = new Map(facts.indicators.map((i) => [i.code, i]));
  return {
    rows: rows.map((row) => ({ ...row, result: byCode.get(row.code)?.results[row.period], target: byCode.get(row.code)?.targets[row.period] })),
    position: `${position.commit}:${position.prepare}`,
    signOff: undefined,
  };
}

function formFields(request: FastifyRequest): Fields {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
  return fields;
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/**
 * One row: the result (when it differs from what the form showed), then the
 * justification (when one was written), each through the write side with
 * the version the form was drawn at as its expected version: If-Match, as
 * the API's PUT takes it. Someone else's change in between is a conflict,
 * shown with what they changed, and nothing of the row is written.
 */
async function submitRow(app: FastifyInstance, request: FastifyRequest, planId: string, row: EntryRow, fields: Fields): Promise<RowOutcome> {
  const l = pageContext(request).labels;
  const field = (name: string) => fields[`${name}.${row.code}`];
  const errors: Record<string, string> = {};
  const sentVersion = Number(field('version'));
  const noData = field('noData') === 'on';
  const value = blankToUndefined(field('value'));
  const numerator = blankToUndefined(field('numerator'));
  const denominator = blankToUndefined(field('denominator'));
  const reason = blankToUndefined(field('reason'));
  const text = blankToUndefined(field('text'));
  const action = blankToUndefined(field('action'));
  const owner = blankToUndefined(field('owner'));
  const dueDate = blankToUndefined(field('dueDate'));
  const submitted = noData ? 'no-data' : value === undefined ? undefined : [value, numerator ?? '', denominator ?? ''].join('|');
  const resultChanged = submitted !== undefined && submitted !== (field('shown') ?? '');
  if (!resultChanged && text === undefined) return { errors, saved: 0 };

  const resultBody = resultChanged
    ? reportResultBodySchema.safeParse(noData ? { noData: true, reason, ...(value === undefined ? {} : { value }) } : { value, numerator, denominator, reason })
    : undefined;
  if (resultBody !== undefined && !resultBody.success) {
    for (const issue of resultBody.error.issues) {
      const name = String(issue.path[0] ?? 'value');
      errors[name] = l.fieldErrors[name] ?? issue.message;
    }
  }
  const justification =
    text === undefined
      ? undefined
      : addJustificationDataSchema
          .omit({ code: true, period: true })
          .safeParse({ text, correctiveActions: action === undefined && owner === undefined && dueDate === undefined ? [] : [{ action, owner, dueDate }] });
  if (justification !== undefined && !justification.success) {
    for (const issue of justification.error.issues) {
      const name = String(issue.path.at(-1) ?? 'text');
      errors[name] = l.fieldErrors[name] ?? issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { errors, saved: 0 };

  const stream = indicatorStream(planId, row.code);
  if (!Number.isInteger(sentVersion) || sentVersion !== row.version) return conflictOf(app, planId, row.code, sentVersion, errors);
  let expectedVersion = sentVersion;
  let saved = 0;
  try {
    if (resultBody?.success === true) {
      const written = await app.writeSide.execute(
        stream,
        { type: 'ReportResult', data: { code: row.code, period: row.period, ...resultBody.data } },
        app.commandMetadata(request),
        { expectedVersion },
      );
      expectedVersion = written.version;
      saved += written.appended > 0 ? 1 : 0;
    }
    if (justification?.success === true) {
      const written = await app.writeSide.execute(
        stream,
        { type: 'AddJustification', data: { code: row.code, period: row.period, ...justification.data } },
        app.commandMetadata(request),
        { expectedVersion },
      );
      saved += written.appended > 0 ? 1 : 0;
    }
  } catch (error) {
    if (error instanceof ConcurrencyError) return conflictOf(app, planId, row.code, sentVersion, errors);
    if (error instanceof DomainError) {
      if (error.code === 'IMPLAUSIBLE_RESULT') {
        // The rule, the value and the bound, in the page's language: the API's own text for it.
        const params = { ...error.details, message: error.message };
        errors['value'] = localizedDetail(problemMessages, error.code, pageContext(request).lang, params) ?? error.message;
        return { errors, saved };
      }
      const name = error.code === 'REASON_REQUIRED' ? 'reason' : error.code === 'INCOMPLETE_RATIO' ? 'denominator' : 'row';
      errors[name] = l.fieldErrors[error.code] ?? error.message;
      return { errors, saved };
    }
    throw error;
  }
  return { errors, saved };
}

async function conflictOf(app: FastifyInstance, planId: string, code: string, sentVersion: number, errors: Record<string, string>): Promise<RowOutcome> {
  const after = Number.isInteger(sentVersion) && sentVersion >= 0 ? sentVersion : 0;
  const { events } = await app.store.readStream(indicatorStreamName(planId, code), { afterVersion: after });
  return { errors, conflict: events, saved: 0 };
}

function entryPage(
  context: PageContext,
  planId: string,
  unit: string,
  period: string,
  rows: readonly EntryRow[],
  position: string,
  sent: Fields,
  outcomes: ReadonlyMap<string, RowOutcome>,
  saved: number,
  person: (id: string) => string = (id) => id,
  signOff?: UnitPeriodStatus,
): Html {
  const l = context.labels.entry;
  const past = context.asOf !== undefined;
  const submission =
    signOff === undefined
      ? ''
      : html`<section class="notice" data-testid="sign-off">
          <h2>${l.signOff}</h2>
          <p>${l.signOffStatus}: <strong data-testid="sign-off-status">${l.signOffStatuses[signOff]}</strong></p>
          ${context.query['submitted'] === '1' ? html`<p class="notice ok" role="status">${l.submitted}</p>` : ''}
          ${
            signOff === 'open' || signOff === 'returned'
              ? html`<form method="post" action="${linkTo(context, `${context.path}/submission`)}" data-testid="submission-form">
                  <input type="hidden" name="_csrf" value="${context.csrf}" />
                  <label for="submission-comment">${l.comment}</label>
                  <textarea id="submission-comment" name="comment" rows="2" maxlength="2000"></textarea>
                  <p><button class="primary" type="submit">${l.submit}</button></p>
                </form>`
              : ''
          }
        </section>`;
  const notices = html` ${past ? html`<p class="notice" role="status">${l.pastReadOnly}</p>` : ''}
  ${outcomes.size > 0 ? html`<p class="notice error" role="alert" data-testid="form-errors">${l.errors}</p>` : ''}
  ${saved > 0 ? html`<p class="notice ok" role="status" data-testid="saved">${l.saved(saved)}</p>` : ''}
  ${context.query['saved'] === '0' ? html`<p class="notice" role="status">${l.nothing}</p>` : ''}`;
  if (rows.length === 0)
    return pageLayout(context, {
      title: l.title(unit, period),
      body: html`${notices}
        <p>${l.notDue}</p>
        ${submission}`,
      planId,
      position,
    });
  const body = html`${notices}
    <form method="post" action="${linkTo(context, context.path)}" data-testid="entry-form">
      <input type="hidden" name="_csrf" value="${context.csrf}" />
      ${rows.map((row) => entryRowFields(context, planId, row, sent, outcomes.get(row.code), past, person))}
      ${past ? '' : html`<p><button class="primary" type="submit">${l.save}</button></p>`}
    </form>
    ${submission}`;
  return pageLayout(context, { title: l.title(unit, period), body, planId, position });
}

function entryRowFields(
  context: PageContext,
  planId: string,
  row: EntryRow,
  sent: Fields,
  outcome: RowOutcome | undefined,
  past: boolean,
  person: (id: string) => string,
): Html {
  const l = context.labels.entry;
  const id = (name: string) => `${name}.${row.code}`;
  const resent = outcome !== undefined && outcome.conflict === undefined;
  // After a refusal the person's own input stays in the fields; after a conflict the fields show what is there now.
  const valueOf = (name: string, current: string | undefined) => (resent ? (sent[id(name)] ?? '') : (current ?? ''));
  const result = row.result;
  const current = result === undefined ? '–' : result.kind === 'no-data' ? l.noData : result.value;
  const error = (name: string) =>
    outcome?.errors[name] === undefined ? '' : html`<span class="field-error" id="${`err-${name}-${row.code}`}">${outcome.errors[name]}</span>`;
  const described = (name: string) => (outcome?.errors[name] === undefined ? '' : html`aria-invalid="true" aria-describedby="${`err-${name}-${row.code}`}"`);
  const input = (name: string, label: string, value: string, extra: Html | string = '') =>
    html`<div>
      <label for="${id(name)}">${label}</label>
      <input id="${id(name)}" name="${id(name)}" value="${value}" ${past ? 'disabled' : ''} ${described(name)} ${extra} />${error(name)}
    </div>`;
  // Checked as typed without a script: the browser marks a value the pattern refuses (:invalid) and says why (title)
  // before sending; the server checks again with the API's own schema.
  const decimal = html`inputmode="decimal" pattern="[0-9]+(\\.[0-9]+)?" title="${context.labels.fieldErrors['value']}" autocomplete="off" size="10"`;
  const critical = row.status === 'critical';
  return html`<div class="entry-row" data-testid="row-${row.code}">
    <fieldset>
      <legend>
        <a href="${linkTo(context, `/app/plans/${planId}/indicators/${row.code}`)}">${row.code}</a> · ${row.name} · ${row.period}
        ${row.status === undefined ? '' : statusBadge(context.labels, row.status)}
      </legend>
      ${
        outcome?.conflict === undefined
          ? ''
          : html`<div class="notice error wide" role="alert" data-testid="conflict-${row.code}">
              <p>${l.conflict}</p>
              <p>${l.conflictChanges}:</p>
              <ul>
                ${outcome.conflict.map(
                  (e) =>
                    html`<li>
                      ${eventName(context.lang, e.type)} · ${person(e.metadata.actor.id)} · ${e.metadata.recordedAt} · <code>${JSON.stringify(e.data)}</code>
                    </li>`,
                )}
              </ul>
            </div>`
      }
      ${outcome?.errors['row'] === undefined ? '' : html`<p class="field-error wide" role="alert">${outcome.errors['row']}</p>`}
      <input type="hidden" name="${id('version')}" value="${row.version}" />
      <input type="hidden" name="${id('shown')}" value="${resultSignature(result)}" />
      <div>
        <span class="muted"
          >${context.labels.overview.target}: ${row.target ?? '–'} · ${l.current}: <strong data-testid="current-${row.code}">${current}</strong></span
        >
      </div>
      ${input('value', l.value, valueOf('value', result?.kind === 'value' ? result.value : undefined), decimal)}
      ${input('numerator', l.numerator, valueOf('numerator', result?.kind === 'value' ? result.numerator : undefined), decimal)}
      ${input('denominator', l.denominator, valueOf('denominator', result?.kind === 'value' ? result.denominator : undefined), decimal)}
      <div>
        <label for="${id('noData')}"
          ><input
            type="checkbox"
            id="${id('noData')}"
            name="${id('noData')}"
            ${past ? 'disabled' : ''}
            ${(resent ? sent[id('noData')] === 'on' : result?.kind === 'no-data') ? 'checked' : ''}
          />
          ${l.noData}</label
        >${error('noData')}
      </div>
      <div class="wide">${input('reason', `${l.reason} (${l.reasonHint})`, valueOf('reason', undefined), html`maxlength="2000"`)}</div>
      ${critical ? html`<p class="flag wide">⚠ ${l.critical}</p>` : ''}
      <details class="wide" ${critical || outcome?.errors['text'] !== undefined ? 'open' : ''}>
        <summary>${l.justification}</summary>
        <label for="${id('text')}">${l.justification}</label>
        <textarea id="${id('text')}" name="${id('text')}" rows="3" ${past ? 'disabled' : ''} ${described('text')}>${valueOf('text', undefined)}</textarea
        >${error('text')}
        <div class="grid2">
          ${input('action', l.action, valueOf('action', undefined))}${input('owner', l.owner, valueOf('owner', undefined))}${input('dueDate', l.dueDate, valueOf('dueDate', undefined), html`type="date"`)}
        </div>
      </details>
    </fieldset>
  </div>`;
}
