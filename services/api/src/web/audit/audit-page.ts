import { auditEntriesToCsv, documentFileName, LATEST_CSV_VERSION } from '@semaforo/documents';
import { codeSchema, planStream } from '@semaforo/domain';
import { HttpProblem } from '@semaforo/http';
import { auditPage, unitSubtreeAt, type AuditEntry, type AuditFilter } from '@semaforo/projection-audit-trail';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/authentication.js';
import { decodeAuditCursor, encodeAuditCursor } from '../../routes/audit/audit-cursor.js';
import { isReadableInstant } from '../../routes/audit/audit-schemas.js';
import { auditReadPoint, POSITION_HEADER } from '../../routes/shared/read-point.js';
import { csvDownload } from '../../routes/shared/representation.js';
import { requireIndicatorAt, requirePlanAt } from '../../routes/shared/require-indicator.js';
import { html, type Html } from '../html.js';
import { pageLayout } from '../layout/page-layout.js';
import { linkTo, pageContext, type PageContext } from '../page-context.js';
import { peopleList, peopleOf } from '../people.js';
import { pageParams } from '../plan-period.js';
import { sendPage } from '../send-page.js';
import { eventName } from '../web-labels.js';

const PAGE_SIZE = 50;
const CSV_LIMIT = 1_000;

interface AuditQuery {
  readonly unit?: string;
  readonly indicator?: string;
  readonly actor?: string;
  /** `YYYY-MM-DD` as typed in the date field: the day from 00:00 UTC. */
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day of the calendar from 0001-01-01 to 9999-12-30 (the day after it is `to`'s bound, and must be readable too). */
function isCalendarDay(text: string): boolean {
  if (!DAY.test(text) || text >= '9999-12-31') return false;
  return isReadableInstant(`${text}T00:00:00Z`);
}

function auditQueryOf(query: Readonly<Record<string, string>>): AuditQuery {
  const pick = (key: string) => (query[key] === undefined || query[key].trim() === '' ? undefined : query[key].trim());
  const out: Record<string, string> = {};
  for (const key of ['unit', 'indicator', 'actor', 'from', 'to', 'cursor'] as const) {
    const value = pick(key);
    if (value !== undefined) out[key] = value;
  }
  for (const key of ['unit', 'indicator'] as const) {
    if (out[key] !== undefined && !codeSchema.safeParse(out[key]).success) throw new HttpProblem(400, 'VALIDATION_FAILED', `${key} is not a code.`);
  }
  // Actors are token ids (or the CLI's operator names): printable, no control characters.
  if (out['actor'] !== undefined && !/^[\w.@:+-]{1,200}$/.test(out['actor'])) throw new HttpProblem(400, 'VALIDATION_FAILED', 'actor is not an actor id.');
  if (out['cursor'] !== undefined && out['cursor'].length > 200) throw new HttpProblem(400, 'VALIDATION_FAILED', 'cursor is too long.');
  for (const key of ['from', 'to'] as const) {
    if (out[key] !== undefined && !isCalendarDay(out[key])) throw new HttpProblem(400, 'VALIDATION_FAILED', `${key} must be a date, YYYY-MM-DD.`);
  }
  return out;
}

/** The day after `to`, so "to 2021-04-30" includes the whole of that day (the trail's `to` is exclusive). */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

/** The same read as `GET /v1/plans/:planId/audit`: one read point, the same filters, the same keyset pages. */
async function readAudit(app: FastifyInstance, request: FastifyRequest, planId: string, asOf: string | undefined, query: AuditQuery, limit: number) {
  const resumed = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
  const db = await app.readModelsFor(request, resumed?.position ?? asOf);
  const at = await auditReadPoint(db, resumed?.position ?? asOf);
  await requirePlanAt(db, at, planId);
  if (query.indicator !== undefined) await requireIndicatorAt(db, at, planId, query.indicator);
  let units: string[] | undefined;
  if (query.unit !== undefined) {
    const subtree = await unitSubtreeAt(db, at, planId, query.unit);
    if (subtree === null) throw new HttpProblem(404, 'UNIT_NOT_FOUND', `The plan ${planId} has no unit ${query.unit} at position ${at.position}.`);
    units = subtree;
  }
  const filter: AuditFilter = {
    ...(units === undefined ? {} : { units }),
    ...(query.indicator === undefined ? {} : { indicator: query.indicator }),
    ...(query.actor === undefined ? {} : { actor: query.actor }),
    ...(query.from === undefined ? {} : { from: `${query.from}T00:00:00Z` }),
    ...(query.to === undefined ? {} : { to: dayAfter(query.to) }),
  };
  const page = await auditPage(db, at, planId, filter, { limit, ...(resumed === undefined ? {} : { afterKey: resumed.afterKey }) });
  const nextCursor = page.lastKey === null ? null : encodeAuditCursor({ position: at.position, afterKey: page.lastKey });
  return { at, entries: page.entries, nextCursor };
}

export const auditPages: FastifyPluginAsync = async (app) => {
  app.get('/app/plans/:planId/audit', { schema: { hide: true } }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const context = pageContext(request);
    const principal = principalOf(request);
    const query = auditQueryOf(context.query);
    const [{ at, entries, nextCursor }, person, people] = await Promise.all([
      readAudit(app, request, planId, context.asOf, query, PAGE_SIZE),
      peopleOf(app, principal.institutionId),
      peopleList(app, principal.institutionId),
    ]);
    const plan = await app.writeSide.read(planStream(planId));
    const units = plan.state.status === 'open' ? Object.values(plan.state.units).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) : [];
    const body = auditBody(context, planId, query, entries, nextCursor, person, people, units);
    return sendPage(reply, pageLayout(context, { title: context.labels.audit.title, body, planId, position: at.position }));
  });

  app.get('/app/plans/:planId/audit.csv', { schema: { hide: true } }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const context = pageContext(request);
    const { at, entries } = await readAudit(app, request, planId, context.asOf, auditQueryOf(context.query), CSV_LIMIT);
    reply.header(POSITION_HEADER, at.position);
    return csvDownload(reply, documentFileName({ kind: 'audit', planId }, context.lang)).send(auditEntriesToCsv(entries, context.lang, LATEST_CSV_VERSION));
  });
};

function auditBody(
  context: PageContext,
  planId: string,
  query: AuditQuery,
  entries: readonly AuditEntry[],
  nextCursor: string | null,
  person: (id: string) => string,
  people: ReadonlyArray<{ id: string; label: string }>,
  units: ReadonlyArray<{ code: string; name: string }>,
): Html {
  const l = context.labels.audit;
  const filters = { unit: query.unit, indicator: query.indicator, actor: query.actor, from: query.from, to: query.to };
  const text = (name: keyof typeof filters, label: string, type = 'text') =>
    html`<div><label for="a-${name}">${label}</label><input id="a-${name}" name="${name}" type="${type}" value="${filters[name] ?? ''}" /></div>`;
  return html`<form method="get" action="${context.path}" class="filters" data-testid="audit-filters">
      ${context.asOf === undefined ? '' : html`<input type="hidden" name="asOf" value="${context.asOf}" />`}
      <div>
        <label for="a-unit">${l.unit}</label
        ><select id="a-unit" name="unit">
          <option value="">${context.labels.overview.all}</option>
          ${units.map((u) => html`<option value="${u.code}" ${u.code === query.unit ? 'selected' : ''}>${u.code} · ${u.name}</option>`)}
        </select>
      </div>
      ${text('indicator', l.indicator)}
      <div>
        <label for="a-actor">${l.person}</label
        ><select id="a-actor" name="actor">
          <option value="">${context.labels.overview.all}</option>
          ${people.map((p) => html`<option value="${p.id}" ${p.id === query.actor ? 'selected' : ''}>${p.label}</option>`)}
        </select>
      </div>
      ${text('from', l.from, 'date')}${text('to', l.to, 'date')}
      <button class="primary" type="submit">${l.filter}</button>
    </form>
    <p>
      <a href="${linkTo(context, `/app/plans/${planId}/audit.csv`, { ...filters, cursor: query.cursor, lang: context.lang })}" download data-testid="audit-csv"
        >${l.csv}</a
      >
    </p>
    ${
      entries.length === 0
        ? html`<p>${l.none}</p>`
        : html`<div class="table-wrap">
            <table data-testid="audit-entries">
              <thead>
                <tr>
                  <th scope="col">${l.when}</th>
                  <th scope="col">${l.who}</th>
                  <th scope="col">${l.what}</th>
                  <th scope="col">${l.subject}</th>
                  <th scope="col">${l.changes}</th>
                  <th scope="col">${l.why}</th>
                </tr>
              </thead>
              <tbody>
                ${entries.map(
                  (e) =>
                    html`<tr>
                      <td>${e.recordedAt}</td>
                      <td>${person(e.actor.id)}</td>
                      <td>${eventName(context.lang, e.event)}</td>
                      <td>
                        ${e.indicator === null ? (e.unit ?? '') : html`<a href="${linkTo(context, `/app/plans/${planId}/indicators/${e.indicator}`)}">${e.indicator}</a>`}
                        ${e.period ?? ''}
                      </td>
                      <td>${e.changes.map((c) => html`<div><span class="muted">${c.field}</span>: ${c.before ?? '–'} → ${c.after ?? '–'}</div>`)}</td>
                      <td>${e.reason ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    <p>
      ${query.cursor === undefined ? '' : html`<a href="${linkTo(context, context.path, { ...filters })}">${l.first}</a> `}
      ${nextCursor === null ? '' : html`<a href="${linkTo(context, context.path, { ...filters, cursor: nextCursor })}" data-testid="audit-next">${l.next} →</a>`}
    </p>`;
}
