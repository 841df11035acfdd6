import { evaluationCanonicalJson, periodIdSchema, publicationStream } from '@semaforo/domain';
import { formatLogPosition } from '@semaforo/event-store';
import { HttpProblem, problemFromError } from '@semaforo/http';
import { evaluationAsOf, evaluationFactsAsOf } from '@semaforo/projection-evaluation-facts';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/authentication.js';
import { answerDifference, differenceSide, type DifferenceAnswer } from '../../routes/editions/answer-difference.js';
import { editionContents } from '../../routes/editions/edition-contents.js';
import { readEditions, requireEdition, toEditionView, type EditionView } from '../../routes/editions/edition-view.js';
import { html, type Html } from '../html.js';
import { pageLayout } from '../layout/page-layout.js';
import { PAGE_PROBLEM_RULES } from '../page-problems.js';
import { acceptsHtml } from '../accepts-html.js';
import { linkTo, pageContext, type PageContext } from '../page-context.js';
import { peopleOf } from '../people.js';
import { defaultQuarter, evaluationPeriodsOf, fiscalYearOf, pageParams } from '../plan-period.js';
import { sendPage } from '../send-page.js';
import { downloadLinks } from '../downloads/downloads.js';

const canPlan = (context: PageContext) => context.principal?.role === 'admin' || context.principal?.role === 'planner';

function periodOf(app: FastifyInstance, planId: string, asked: string | undefined): string {
  const year = fiscalYearOf(planId);
  const period = asked ?? defaultQuarter(year, app.access.now());
  if (!periodIdSchema.safeParse(period).success || !period.startsWith(String(year)))
    throw new HttpProblem(404, 'PERIOD_NOT_FOUND', `Not a period of the plan's year ${year}: ${period}.`);
  return period;
}

const EDITION_NUMBER = /^[1-9][0-9]{0,6}$/;

/**
 * The editions of a period (as `GET …/editions` reads them, from the
 * period's own stream), the publish / restate form for planners (as
 * `POST …/editions`), an edition's page with its difference against now or
 * another edition (as `GET …/editions/{n}/difference`), and the downloads.
 */
export const editionPages: FastifyPluginAsync = async (app) => {
  app.get('/app/plans/:planId/editions', { schema: { hide: true } }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const context = pageContext(request);
    const period = periodOf(app, planId, context.query['period']);
    const published = context.query['published'];
    const notice =
      published !== undefined && EDITION_NUMBER.test(published) && context.asOf === undefined
        ? html`<p class="notice ok" role="status">${context.labels.editions.published(Number(published))}</p>`
        : html``;
    return sendPage(reply, await listPage(app, request, context, planId, period, notice, {}));
  });

  app.post('/app/plans/:planId/editions/:period', { schema: { hide: true } }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const context = pageContext(request);
    const period = periodOf(app, planId, (request.params as Record<string, string | undefined>)['period']);
    if (context.asOf !== undefined) throw new HttpProblem(409, 'READ_ONLY_PAST', 'A page shown as of a past moment takes no changes. Go back to the present.');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const reason = typeof body['reason'] === 'string' && body['reason'].trim() !== '' ? body['reason'].trim() : undefined;
    const allowUnapprovedUnits = body['allowUnapprovedUnits'] === 'on';
    try {
      // As the API route: the bytes are kept by digest before the event that names them is appended.
      const db = app.readModels();
      const { position, evaluation, digest } = await evaluationAsOf(db, { planId, period, asOf: undefined });
      await editionContents(db).put(digest, evaluationCanonicalJson(evaluation));
      await app.writeSide.execute(
        publicationStream(planId, period),
        {
          type: 'PublishEvaluation',
          data: {
            period,
            position: formatLogPosition(position),
            digest,
            method: evaluation.evaluationMethod,
            ...(reason === undefined ? {} : { reason }),
            allowUnapprovedUnits,
          },
        },
        app.commandMetadata(request),
      );
    } catch (error) {
      const { problem, internal } = problemFromError(error, PAGE_PROBLEM_RULES, { language: context.lang, instance: context.path });
      // A client that takes no HTML (a script posting the form) gets the API's problem+json, as from every page.
      if (!acceptsHtml(request) || internal || problem.status >= 500 || problem.status === 401 || problem.status === 403) throw error;
      const message = context.labels.editions.errors[problem.code] ?? problem.detail;
      const notice = html`<div class="notice error" role="alert" data-testid="publish-error">
        <p><strong>${message}</strong></p>
        <p class="muted">${context.labels.error.code}: <code>${problem.code}</code></p>
      </div>`;
      return sendPage(
        reply.code(problem.status),
        await listPage(app, request, context, planId, period, notice, { reason: reason ?? '', allowUnapprovedUnits }),
      );
    }
    const { editions } = await readEditions(app.store, planId, period);
    return reply.redirect(linkTo(context, `/app/plans/${planId}/editions`, { period, published: String(editions.at(-1)?.data.edition ?? '') }), 303);
  });

  app.get('/app/plans/:planId/editions/:period/:edition', { schema: { hide: true } }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const context = pageContext(request);
    const raw = request.params as Record<string, string | undefined>;
    const period = periodOf(app, planId, raw['period']);
    const number = raw['edition'] ?? '';
    if (!EDITION_NUMBER.test(number)) throw new HttpProblem(404, 'EDITION_NOT_FOUND', 'Not an edition number.');
    const edition = toEditionView(await requireEdition(app.store, planId, period, Number(number)));
    const against = context.query['against'] ?? 'now';
    if (against !== 'now' && !EDITION_NUMBER.test(against)) throw new HttpProblem(400, 'VALIDATION_FAILED', '`against` is `now` or an edition number.');
    const deps = { db: app.readModels(), store: app.store };
    const from = await differenceSide(deps, planId, period, number);
    const to = await differenceSide(deps, planId, period, against);
    const difference = await answerDifference(deps.db, planId, period, from, to);
    const { editions } = await readEditions(app.store, planId, period);
    return sendPage(reply, await editionPage(app, request, context, planId, period, edition, editions.map(toEditionView), against, difference));
  });
};

async function listPage(
  app: FastifyInstance,
  request: FastifyRequest,
  context: PageContext,
  planId: string,
  period: string,
  notice: Html,
  sent: { reason?: string; allowUnapprovedUnits?: boolean },
): Promise<Html> {
  const l = context.labels;
  const e = l.editions;
  const { position } = await evaluationFactsAsOf(app.readModels(), context.asOf);
  // At present every edition in the log, one just published included (the read model may not have reached its event yet).
  const editions = (await readEditions(app.store, planId, period, context.asOf === undefined ? undefined : position)).editions.map(toEditionView);
  const person = await peopleOf(app, principalOf(request).institutionId);
  const periods = evaluationPeriodsOf(fiscalYearOf(planId));
  const publishForm =
    canPlan(context) && context.asOf === undefined
      ? html`<section aria-labelledby="publish">
          <h2 id="publish">${editions.length === 0 ? e.publishTitle : e.restateTitle}</h2>
          <form method="post" action="/app/plans/${planId}/editions/${period}" data-testid="publish-form">
            <input type="hidden" name="_csrf" value="${context.csrf}" />
            <div>
              <label for="reason">${e.reasonHint}</label
              ><input id="reason" name="reason" maxlength="2000" value="${sent.reason ?? ''}" ${editions.length > 0 ? html`required` : ''} />
            </div>
            <div>
              <input type="checkbox" id="allow-unapproved" name="allowUnapprovedUnits" ${sent.allowUnapprovedUnits === true ? html`checked` : ''} />
              <label for="allow-unapproved" class="inline-label">${e.allowUnapproved}</label>
            </div>
            <button type="submit" class="primary">${e.publish}</button>
          </form>
        </section>`
      : html``;
  const body = html`${notice}
    <form method="get" action="${context.path}" class="filters">
      ${context.asOf === undefined ? '' : html`<input type="hidden" name="asOf" value="${context.asOf}" />`}
      <div>
        <label for="period">${l.board.period}</label>
        <select id="period" name="period">
          ${periods.map((p) => html`<option value="${p}" ${p === period ? html`selected` : ''}>${p}</option>`)}
        </select>
      </div>
      <button type="submit">${l.board.show}</button>
    </form>
    ${
      editions.length === 0
        ? html`<p data-testid="no-editions">${e.none}</p>`
        : html`<div class="table-wrap">
            <table data-testid="editions" class="stack">
              <thead>
                <tr>
                  <th scope="col">${e.number}</th>
                  <th scope="col">${e.position}</th>
                  <th scope="col">${e.digest}</th>
                  <th scope="col">${e.publisher}</th>
                  <th scope="col">${e.when}</th>
                  <th scope="col">${e.reason}</th>
                  <th scope="col">${e.unapproved}</th>
                </tr>
              </thead>
              <tbody>
                ${editions.map(
                  (edition) =>
                    html`<tr data-edition="${edition.edition}">
                      <th scope="row">
                        <a href="${linkTo(context, `/app/plans/${planId}/editions/${period}/${edition.edition}`)}">${e.edition(edition.edition)}</a>
                      </th>
                      <td data-label="${e.position}">
                        <code>${edition.position}</code><br />
                        <a href="${linkTo(context, `/app/plans/${planId}/overview`, { period, asOf: edition.position })}">${e.asOfEdition}</a>
                      </td>
                      <td data-label="${e.digest}"><span class="hash">${edition.digest}</span></td>
                      <td data-label="${e.publisher}">${person(edition.publishedBy.id)}</td>
                      <td data-label="${e.when}">${edition.publishedAt}</td>
                      <td data-label="${e.reason}">${edition.reason ?? '—'}</td>
                      <td data-label="${e.unapproved}">${edition.unapprovedUnits.length === 0 ? '—' : edition.unapprovedUnits.join(', ')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${publishForm} ${downloadLinks(context, planId, period, context.asOf)}`;
  return pageLayout(context, { title: e.title(period), body, planId, position: formatLogPosition(position) });
}

async function editionPage(
  app: FastifyInstance,
  request: FastifyRequest,
  context: PageContext,
  planId: string,
  period: string,
  edition: EditionView,
  editions: readonly EditionView[],
  against: string,
  difference: DifferenceAnswer,
): Promise<Html> {
  const l = context.labels;
  const e = l.editions;
  const person = await peopleOf(app, principalOf(request).institutionId);
  const base = `/app/plans/${planId}/editions/${period}/${edition.edition}`;
  const others = [
    html`<li>${against === 'now' ? html`<strong>${e.now}</strong>` : html`<a href="${linkTo(context, base, { against: 'now' })}">${e.now}</a>`}</li>`,
    ...editions
      .filter((other) => other.edition !== edition.edition)
      .map((other) =>
        String(other.edition) === against
          ? html`<li><strong>${e.edition(other.edition)}</strong></li>`
          : html`<li><a href="${linkTo(context, base, { against: String(other.edition) })}">${e.edition(other.edition)}</a></li>`,
      ),
  ];
  const figures = (f: DifferenceAnswer['indicators'][number]['before']) =>
    f === null
      ? html`—`
      : html`${l.overview.target}: ${f.target ?? '—'} · ${l.overview.result}: ${f.result ?? '—'} · ${f.compliance?.display ?? '—'} · ${l.status[f.status]}`;
  const body = html`<dl class="facts" data-testid="edition">
      <dt>${e.position}</dt>
      <dd>
        <code>${edition.position}</code> ·
        <a href="${linkTo(context, `/app/plans/${planId}/overview`, { period, asOf: edition.position })}">${e.asOfEdition}</a>
      </dd>
      <dt>${e.digest}</dt>
      <dd><span class="hash">${edition.digest}</span></dd>
      <dt>${e.publisher}</dt>
      <dd>${person(edition.publishedBy.id)}</dd>
      <dt>${e.when}</dt>
      <dd>${edition.publishedAt}</dd>
      <dt>${e.reason}</dt>
      <dd>${edition.reason ?? '—'}</dd>
      <dt>${e.unapproved}</dt>
      <dd>${edition.unapprovedUnits.length === 0 ? '—' : edition.unapprovedUnits.join(', ')}</dd>
    </dl>
    <h2>${e.differenceTitle}: ${e.edition(edition.edition)} → ${against === 'now' ? e.now : e.edition(Number(against))}</h2>
    <nav aria-label="${e.compareWith}">
      <p>${e.compareWith}:</p>
      <ul class="links">
        ${others}
      </ul>
    </nav>
    ${
      difference.indicators.length === 0
        ? html`<p data-testid="no-difference">${e.noDifference}</p>`
        : html`<div class="table-wrap">
            <table data-testid="difference">
              <thead>
                <tr>
                  <th scope="col">${e.indicator}</th>
                  <th scope="col">${e.before}</th>
                  <th scope="col">${e.after}</th>
                  <th scope="col">${e.causes}</th>
                </tr>
              </thead>
              <tbody>
                ${difference.indicators.map(
                  (d) =>
                    html`<tr data-indicator="${d.code}">
                      <th scope="row">
                        <a href="${linkTo(context, `/app/plans/${planId}/indicators/${d.code}`)}">${d.code}</a> <span class="muted">${d.name}</span>
                      </th>
                      <td>${figures(d.before)}</td>
                      <td>${figures(d.after)}</td>
                      <td>
                        <ul class="causes">
                          ${d.causes.map(
                            (c) =>
                              html`<li>
                                <code>${c.position}</code> ${c.event}${c.period === null ? '' : ` ${c.period}`} · ${person(c.actor.id)} ·
                                ${c.recordedAt}${c.reason === null ? '' : html` · ${c.reason}`}
                              </li>`,
                          )}
                        </ul>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${downloadLinks(context, planId, period, edition.position)}`;
  return pageLayout(context, { title: `${e.title(period)} · ${e.edition(edition.edition)}`, body, planId, position: difference.to.position });
}
