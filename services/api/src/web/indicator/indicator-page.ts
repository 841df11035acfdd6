import {
  comparePeriods,
  evolveIndicator,
  formatPeriod,
  indicatorStreamName,
  initialIndicatorState,
  parsePeriod,
  periodsOf,
  type IndicatorEvent,
  type IndicatorState,
  type ResultEntry,
  wordOf,
} from '@semaforo/domain';
import { compareLogPositions, formatLogPosition, parseLogPosition, type RecordedEvent } from '@semaforo/event-store';
import { resultHistory, targetHistory, type ResultHistoryEntry, type TargetHistoryEntry } from '@semaforo/projection-audit-trail';
import type { FastifyPluginAsync } from 'fastify';
import { principalOf } from '../../plugins/authentication.js';
import { auditReadPoint } from '../../routes/shared/read-point.js';
import { requireIndicatorAt } from '../../routes/shared/require-indicator.js';
import { targetResultChart, type ChartPoint } from '../components.js';
import { html, type Html } from '../html.js';
import { pageLayout } from '../layout/page-layout.js';
import { linkTo, pageContext, type PageContext } from '../page-context.js';
import { peopleOf } from '../people.js';
import { pageParams } from '../plan-period.js';
import { sendPage } from '../send-page.js';
import { eventName, type WebLabels } from '../web-labels.js';

/** A result stored with plausibility warnings: a mark naming each rule it broke when written. */
const warningMark = (entry: ResultEntry | undefined, l: WebLabels['indicator']): Html | '' => {
  if (entry?.kind !== 'value' || entry.warnings === undefined) return '';
  const told = entry.warnings
    .map(({ rule, bound, expected }) =>
      rule !== 'ratioCheck'
        ? `${l.warningRules[rule]} ${bound ?? ''}`.trim()
        : expected === undefined
          ? l.warningRules.zeroDenominator
          : `${l.warningRules.ratioCheck} ${expected}`,
    )
    .join('; ');
  return html` <span class="warning" data-testid="plausibility-warning" title="${l.plausibilityWarning}">⚠ ${told}</span>`;
};

/** The roles that see raw events: those of `GET …/indicators/:code/events`. */
const SEES_RAW_EVENTS = new Set(['admin', 'auditor']);

interface JustificationView {
  readonly period: string;
  readonly number: number;
  readonly text: string;
  readonly actions: ReadonlyArray<{ action: string; owner: string; dueDate: string }>;
  readonly actorId: string;
  readonly recordedAt: string;
}

/**
 * GET /app/plans/:planId/indicators/:code: the indicator as it was at the
 * page's read point. Everything on it is cut at one position (the audit
 * trail's, for `asOf`): the histories from the read model, the definition,
 * targets, results and justifications folded from the stream's events up to
 * that same position by the domain's own `evolve`.
 */
export const indicatorPage: FastifyPluginAsync = async (app) => {
  app.get('/app/plans/:planId/indicators/:code', { schema: { hide: true } }, async (request, reply) => {
    const { planId, code = '' } = pageParams(request.params);
    const context = pageContext(request);
    const principal = principalOf(request);
    const db = await app.readModelsFor(request, context.asOf);
    const at = await auditReadPoint(db, context.asOf);
    await requireIndicatorAt(db, at, planId, code);
    const cut = parseLogPosition(at.position);
    if (cut === null) throw new Error(`the audit trail answered an unreadable position ${at.position}`);
    const [targets, results, stream, person] = await Promise.all([
      targetHistory(db, at, planId, code),
      resultHistory(db, at, planId, code),
      app.store.readStream(indicatorStreamName(planId, code)),
      peopleOf(app, principal.institutionId),
    ]);
    const events = stream.events.filter((event) => compareLogPositions(event.position, cut) <= 0);
    let state: IndicatorState = initialIndicatorState();
    const justifications: JustificationView[] = [];
    for (const event of events) {
      state = evolveIndicator(state, { type: event.type, data: event.data } as unknown as IndicatorEvent);
      if (event.type === 'JustificationAdded') {
        const data = event.data as unknown as { period: string; justificationNumber: number; text: string; correctiveActions?: JustificationView['actions'] };
        justifications.push({
          period: data.period,
          number: data.justificationNumber,
          text: data.text,
          actions: data.correctiveActions ?? [],
          actorId: event.metadata.actor.id,
          recordedAt: event.metadata.recordedAt,
        });
      }
    }
    if (state.status === 'absent') throw new Error(`${planId}/${code} exists in the audit trail at ${at.position} but its stream folds to nothing`);
    const indicator = state;
    const l = context.labels.indicator;
    const d = state.definition;
    const year = Number(planId.slice(-4));
    const revised = new Set([...targets, ...results].filter((e) => e.event === 'TargetRevised' || e.event === 'ResultCorrected').map((e) => e.period));
    const points: ChartPoint[] = periodsOf(year, d.periodicity).map((period) => {
      const id = formatPeriod(period);
      const result = indicator.results[id];
      return {
        period: id,
        target: indicator.targets[id] ?? null,
        result: result?.kind === 'value' ? result.value : null,
        revised: revised.has(id),
      };
    });
    const field = (label: string, value: string | number | undefined) =>
      value === undefined
        ? ''
        : html`<tr>
            <th scope="row">${label}</th>
            <td>${value}</td>
          </tr>`;
    const canEnter = principal.role === 'admin' || principal.role === 'reporter';
    const body = html` <p class="muted"><code>${code}</code> · ${planId}</p>
      ${
        canEnter && context.asOf === undefined
          ? html`<p><a class="button" href="${linkTo(context, `/app/plans/${planId}/entry`, { unit: d.unit })}">${l.enterResults}</a></p>`
          : ''
      }
      <h2>${l.definition}</h2>
      <div class="table-wrap">
        <table data-testid="definition">
          <tbody>
            ${field(l.fields.status, l.indicatorStatus[state.status])}${field(l.fields.unit, d.unit)}${field(l.fields.perspective, d.perspective)}
            ${field(l.fields.kind, wordOf('kind', d.kind, context.lang))}${field(l.fields.measure, wordOf('measure', d.measure, context.lang))}
            ${field(l.fields.periodicity, wordOf('periodicity', d.periodicity, context.lang))}${field(l.fields.polarity, wordOf('polarity', d.polarity, context.lang))}
            ${field(l.fields.accumulation, wordOf('accumulation', d.accumulation, context.lang))}${field(l.fields.formula, d.formula)}
          </tbody>
        </table>
      </div>
      <h2>${l.chart}</h2>
      ${targetResultChart(context.labels, `${l.chart}: ${code}`, points)}
      <div class="table-wrap">
        <table data-testid="periods">
          <thead>
            <tr>
              <th scope="col">${l.period}</th>
              <th scope="col" class="num">${context.labels.overview.target}</th>
              <th scope="col" class="num">${context.labels.overview.result}</th>
            </tr>
          </thead>
          <tbody>
            ${points.map((p) => {
              const entry = indicator.results[p.period];
              return html`<tr data-period="${p.period}">
                <td>${p.period}${p.revised ? html` <span class="muted">◆ ${l.revision}</span>` : ''}</td>
                <td class="num">${p.target ?? '–'}</td>
                <td class="num">${entry === undefined ? '–' : entry.kind === 'no-data' ? context.labels.entry.noData : entry.value}${warningMark(entry, l)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <h2>${l.targets}</h2>
      ${historyTable(context, targets, person, 'target-history')}
      <h2>${l.results}</h2>
      ${historyTable(context, results, person, 'result-history')}
      <h2>${l.justifications}</h2>
      ${justificationList(context, justifications, person)}
      ${
        SEES_RAW_EVENTS.has(principal.role)
          ? html`<h2>${l.events}</h2>
              ${eventsTable(context, events, person)}`
          : ''
      }`;
    return sendPage(reply, pageLayout(context, { title: d.name, body, planId, position: at.position }));
  });
};

function historyTable(
  context: PageContext,
  entries: ReadonlyArray<TargetHistoryEntry | ResultHistoryEntry>,
  person: (id: string) => string,
  testId: string,
): Html {
  const l = context.labels.indicator;
  if (entries.length === 0) return html`<p>${l.none}</p>`;
  const shown = (value: string | null) => (value === null ? '–' : value === 'no-data' ? context.labels.entry.noData : value);
  const sorted = [...entries].sort((a, b) => comparePeriods(parsePeriod(a.period), parsePeriod(b.period)));
  return html`<div class="table-wrap">
    <table data-testid="${testId}">
      <thead>
        <tr>
          <th scope="col">${l.period}</th>
          <th scope="col">${l.event}</th>
          <th scope="col" class="num">${l.before}</th>
          <th scope="col" class="num">${l.after}</th>
          <th scope="col">${l.who}</th>
          <th scope="col">${l.when}</th>
          <th scope="col">${l.why}</th>
        </tr>
      </thead>
      <tbody>
        ${sorted.map(
          (e) =>
            html`<tr>
              <td>${e.period}</td>
              <td>${eventName(context.lang, e.event)}</td>
              <td class="num">${shown(e.before)}</td>
              <td class="num">${shown(e.after)}</td>
              <td>${person(e.actor.id)}</td>
              <td>${e.recordedAt}</td>
              <td>${e.reason ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function justificationList(context: PageContext, justifications: readonly JustificationView[], person: (id: string) => string): Html {
  const l = context.labels.indicator;
  if (justifications.length === 0) return html`<p>${l.none}</p>`;
  return html`<ol data-testid="justifications">
    ${[...justifications].reverse().map(
      (j) =>
        html`<li>
          <p><strong>${j.period}</strong> · #${j.number} · ${person(j.actorId)} · ${j.recordedAt}</p>
          <p class="justification-text">${j.text}</p>
          ${
            j.actions.length === 0
              ? ''
              : html`<p>${l.actions}:</p>
                  <ul>
                    ${j.actions.map((a) => html`<li>${a.action} · ${a.owner} · ${a.dueDate}</li>`)}
                  </ul>`
          }
        </li>`,
    )}
  </ol>`;
}

function eventsTable(context: PageContext, events: readonly RecordedEvent[], person: (id: string) => string): Html {
  const l = context.labels.indicator;
  return html`<div class="table-wrap">
    <table data-testid="raw-events">
      <thead>
        <tr>
          <th scope="col">${l.version}</th>
          <th scope="col">${l.event}</th>
          <th scope="col">${l.who}</th>
          <th scope="col">${l.when}</th>
          <th scope="col">${l.position}</th>
          <th scope="col">${l.hash}</th>
          <th scope="col">${l.data}</th>
        </tr>
      </thead>
      <tbody>
        ${events.map(
          (e) =>
            html`<tr>
              <td class="num">${e.streamVersion}</td>
              <td>${eventName(context.lang, e.type)}</td>
              <td>${person(e.metadata.actor.id)}</td>
              <td>${e.metadata.recordedAt}</td>
              <td><code>${formatLogPosition(e.position)}</code></td>
              <td><span class="hash" title="${l.previousHash}: ${e.previousHash}">${e.hash}</span></td>
              <td>
                <details>
                  <summary>JSON</summary>
                  <code>${JSON.stringify(e.data)}</code>
                </details>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
