import { EVALUATION_STATUSES, type Evaluation, type EvaluationStatus, type IndicatorEvaluation, type UnitSummary } from '@semaforo/domain';
import { formatLogPosition } from '@semaforo/event-store';
import { evaluationAsOf } from '@semaforo/projection-evaluation-facts';
import type { FastifyPluginAsync } from 'fastify';
import { countsBar, statusBadge } from '../components.js';
import { html, type Html } from '../html.js';
import { pageLayout } from '../layout/page-layout.js';
import { linkTo, pageContext, thisPageWith, type PageContext } from '../page-context.js';
import { defaultQuarter, evaluationPeriodsOf, fiscalYearOf, pageParams } from '../plan-period.js';
import { sendPage } from '../send-page.js';

export interface OverviewFilters {
  readonly perspective?: string | undefined;
  readonly unit?: string | undefined;
  readonly kind?: string | undefined;
  readonly status?: string | undefined;
}

/** The units at and below `unit`, from the summary's parent links (the evaluation's own view of the tree). */
export function unitSubtree(units: readonly UnitSummary[], unit: string): Set<string> {
  const inside = new Set([unit]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) {
      if (u.parentCode !== null && inside.has(u.parentCode) && !inside.has(u.code)) {
        inside.add(u.code);
        grew = true;
      }
    }
  }
  return inside;
}

export function filterIndicators(evaluation: Evaluation, filters: OverviewFilters): IndicatorEvaluation[] {
  const units = filters.unit === undefined ? undefined : unitSubtree(evaluation.summary.byUnit, filters.unit);
  return evaluation.indicators.filter(
    (i) =>
      (filters.perspective === undefined || i.perspective === filters.perspective) &&
      (units === undefined || units.has(i.unit)) &&
      (filters.kind === undefined || i.kind === filters.kind) &&
      (filters.status === undefined || i.status === filters.status),
  );
}

/** GET /app/plans/:planId/overview: the plan's traffic light for a period, as of any moment. */
export const overviewPage: FastifyPluginAsync = async (app) => {
  app.get('/app/plans/:planId/overview', { schema: { hide: true } }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const context = pageContext(request);
    const year = fiscalYearOf(planId);
    const q = context.query;
    const period = q['period'] !== undefined && q['period'] !== '' ? q['period'] : defaultQuarter(year, app.access.now());
    const answer = await evaluationAsOf(await app.readModelsFor(request, context.asOf), { planId, period, asOf: context.asOf });
    const position = formatLogPosition(answer.position);
    const pick = (key: string) => (q[key] === undefined || q[key] === '' ? undefined : q[key]);
    const filters: OverviewFilters = { perspective: pick('perspective'), unit: pick('unit'), kind: pick('kind'), status: pick('status') };
    const body = overviewBody(context, planId, period, answer.evaluation, filters, answer.digest);
    return sendPage(reply, pageLayout(context, { title: context.labels.overview.title(answer.evaluation.planName, period), body, planId, position }));
  });
};

function overviewBody(context: PageContext, planId: string, period: string, evaluation: Evaluation, filters: OverviewFilters, digest: string): Html {
  const l = context.labels.overview;
  const indicators = filterIndicators(evaluation, filters);
  const unjustified = new Set(evaluation.criticalWithoutJustification);
  const option = (value: string, label: string, selected: string | undefined) =>
    html`<option value="${value}" ${selected === value ? 'selected' : ''}>${label}</option>`;
  const filterForm = html`<form method="get" action="${context.path}" class="filters" data-testid="overview-filters">
    ${context.asOf === undefined ? '' : html`<input type="hidden" name="asOf" value="${context.asOf}" />`}
    <div>
      <label for="f-period">${l.period}</label
      ><select id="f-period" name="period">
        ${evaluationPeriodsOf(evaluation.fiscalYear).map((p) => option(p, p, period))}
      </select>
    </div>
    <div>
      <label for="f-perspective">${l.perspective}</label
      ><select id="f-perspective" name="perspective">
        ${option('', l.all, filters.perspective ?? '')}${evaluation.summary.byPerspective.map((p) => option(p.code, p.name, filters.perspective))}
      </select>
    </div>
    <div>
      <label for="f-unit">${l.unit}</label
      ><select id="f-unit" name="unit">
        ${option('', l.all, filters.unit ?? '')}${evaluation.summary.byUnit.map((u) => option(u.code, `${u.code} · ${u.name}`, filters.unit))}
      </select>
    </div>
    <div>
      <label for="f-kind">${l.kind}</label
      ><select id="f-kind" name="kind">
        ${option('', l.all, filters.kind ?? '')}${(['result', 'production'] as const).map((k) => option(k, context.labels.kind[k], filters.kind))}
      </select>
    </div>
    <div>
      <label for="f-status">${l.status}</label
      ><select id="f-status" name="status">
        ${option('', l.all, filters.status ?? '')}${EVALUATION_STATUSES.map((s) => option(s, context.labels.status[s], filters.status))}
      </select>
    </div>
    <button class="primary" type="submit">${l.apply}</button>
  </form>`;

  const countsRow = (code: string, name: string, c: Evaluation['summary']['plan'], href: string | undefined) =>
    html`<tr>
      <th scope="row">${href === undefined ? name : html`<a href="${href}">${name}</a>`} <span class="muted">${code}</span></th>
      <td class="num">${c.planned}</td>
      <td class="num">${c.evaluated}</td>
      <td class="num">${c.good}</td>
      <td class="num">${c.regular}</td>
      <td class="num">${c.critical}</td>
      <td class="num">${c.notReported}</td>
      <td class="num">${c.goodShare?.display ?? '–'}</td>
      <td class="num">${c.criticalShare?.display ?? '–'}</td>
      <td>${countsBar(context.labels, c)}</td>
    </tr>`;
  const countsHead = html`<thead>
    <tr>
      <th scope="col"></th>
      <th scope="col" class="num">${l.planned}</th>
      <th scope="col" class="num">${l.evaluated}</th>
      <th scope="col" class="num">${statusBadge(context.labels, 'good')}</th>
      <th scope="col" class="num">${statusBadge(context.labels, 'regular')}</th>
      <th scope="col" class="num">${statusBadge(context.labels, 'critical')}</th>
      <th scope="col" class="num">${statusBadge(context.labels, 'not-reported')}</th>
      <th scope="col" class="num">% ${context.labels.status.good}</th>
      <th scope="col" class="num">% ${context.labels.status.critical}</th>
      <th scope="col">${l.chart}</th>
    </tr>
  </thead>`;

  const byStatus = (status: EvaluationStatus) => {
    const rows = indicators.filter((i) => i.status === status);
    if (rows.length === 0) return '';
    return html`<h3>${statusBadge(context.labels, status)} <span class="muted">(${rows.length})</span></h3>
      <div class="table-wrap">
        <table data-testid="status-${status}">
          <thead>
            <tr>
              <th scope="col">${l.code}</th>
              <th scope="col">${l.name}</th>
              <th scope="col">${context.labels.entry.unit}</th>
              <th scope="col" class="num">${l.target}</th>
              <th scope="col" class="num">${l.result}</th>
              <th scope="col" class="num">${l.compliance}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (i) =>
                html`<tr class="${unjustified.has(i.code) ? 'unjustified' : ''}" data-code="${i.code}">
                  <td><a href="${linkTo(context, `/app/plans/${planId}/indicators/${i.code}`, { period })}">${i.code}</a></td>
                  <td>${i.name}${unjustified.has(i.code) ? html` <span class="flag">⚠ ${l.unjustified}</span>` : ''}</td>
                  <td>${i.unit}</td>
                  <td class="num">${i.target ?? '–'}</td>
                  <td class="num">${i.result ?? '–'}</td>
                  <td class="num">${i.compliance === null ? '–' : `${i.compliance.display} %`}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  };

  return html` ${unjustified.size === 0 ? '' : html`<p class="notice error" role="status" data-testid="unjustified-count">⚠ ${l.unjustifiedCount(unjustified.size)}</p>`}
    ${filterForm}
    <div class="table-wrap">
      <table data-testid="plan-counts">
        ${countsHead}
        <tbody>
          ${countsRow(planId, evaluation.planName, evaluation.summary.plan, undefined)}
        </tbody>
      </table>
    </div>
    <h2>${l.byPerspective}</h2>
    <div class="table-wrap">
      <table data-testid="by-perspective">
        ${countsHead}
        <tbody>
          ${evaluation.summary.byPerspective.map((p) => countsRow(p.code, p.name, p, thisPageWith(context, { perspective: p.code })))}
        </tbody>
      </table>
    </div>
    <h2>${l.byUnit}</h2>
    <div class="table-wrap">
      <table data-testid="by-unit">
        ${countsHead}
        <tbody>
          ${evaluation.summary.byUnit.map((u) => countsRow(u.code, u.name, u, thisPageWith(context, { unit: u.code })))}
        </tbody>
      </table>
    </div>
    <div class="grid2">
      <section>
        <h2>${l.indicators}</h2>
        ${indicators.length === 0 ? html`<p>${l.none}</p>` : EVALUATION_STATUSES.map(byStatus)}
      </section>
      <section>
        <h2>${l.tree}</h2>
        ${unitTree(context, evaluation.summary.byUnit, null)}
      </section>
    </div>
    <p class="muted">${l.digest}: <code>${digest}</code></p>`;
}

function unitTree(context: PageContext, units: readonly UnitSummary[], parent: string | null): Html {
  const children = units.filter((u) => u.parentCode === parent);
  if (children.length === 0) return html``;
  return html`<ul class="tree">
    ${children.map(
      (u) =>
        html`<li>
          <a href="${thisPageWith(context, { unit: u.code })}">${u.code} · ${u.name}</a>
          <span class="muted">${u.good}/${u.evaluated}</span>${unitTree(context, units, u.code)}
        </li>`,
    )}
  </ul>`;
}
