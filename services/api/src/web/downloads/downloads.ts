import { attachmentDisposition, LATEST_REPORT_LAYOUT, REPORT_FORMATS, REPORT_VERSIONS, type ReportFormat, type ReportVersion } from '@semaforo/documents';
import { periodIdSchema } from '@semaforo/domain';
import { HttpProblem } from '@semaforo/http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderReportAt } from '@semaforo/runtime';
import { answerWorkbook } from '../../routes/workbooks/answer-workbook.js';
import { workbookQuerySchema } from '../../routes/workbooks/workbook-query.js';
import { html, type Html } from '../html.js';
import { linkTo, pageContext, type PageContext } from '../page-context.js';
import { fiscalYearOf, pageParams } from '../plan-period.js';

const oneOf = <T extends string>(values: readonly T[], value: string | undefined, fallback: T): T => {
  if (value === undefined) return fallback;
  if (!(values as readonly string[]).includes(value)) throw new HttpProblem(400, 'VALIDATION_FAILED', `Not one of ${values.join(', ')}: ${value}.`);
  return value as T;
};

/**
 * The report (HTML, PDF, XLSX; es/en; internal/public) and the plan's
 * template and export, as links a browser with a session can follow: the
 * API's own routes take a bearer token, not the session cookie, so the
 * page serves the same renderers (`renderReportAt`, `answerWorkbook`).
 * `asOf` an edition's position gives that edition's report.
 */
export function downloadLinks(context: PageContext, planId: string, period: string, asOf: string | undefined): Html {
  const e = context.labels.editions;
  const base = `/app/plans/${planId}/downloads/${period}`;
  const link = (document: string, params: Record<string, string>, text: string) =>
    html`<a href="${linkTo({ ...context, asOf }, `${base}/${document}`, params)}" download>${text}</a>`;
  const reports = (['internal', 'public'] as const).flatMap((version) =>
    (['es', 'en'] as const).map(
      (lang) =>
        html`<li>
          ${e.report} ${version === 'internal' ? e.internal : e.public} (${lang}):
          ${REPORT_FORMATS.map((format, i) => html`${i === 0 ? '' : ' · '}${link('report', { format, version, lang }, format.toUpperCase())}`)}
        </li>`,
    ),
  );
  return html`<section aria-labelledby="downloads" data-testid="downloads">
    <h2 id="downloads">${e.downloads}</h2>
    <ul class="links">
      ${reports}
    </ul>
    <h3>${e.workbooks}</h3>
    <ul class="links">
      <li>${e.template}: ${link('template', { lang: context.lang }, 'XLSX')}</li>
      <li>${e.export}: ${link('export', { lang: context.lang }, 'XLSX')}</li>
    </ul>
  </section>`;
}

export const downloadPages: FastifyPluginAsync = async (app) => {
  app.get('/app/plans/:planId/downloads/:period/:document', { schema: { hide: true } }, async (request, reply) => {
    const { planId } = pageParams(request.params);
    const raw = request.params as Record<string, string | undefined>;
    const period = raw['period'] ?? '';
    const year = fiscalYearOf(planId);
    if (!periodIdSchema.safeParse(period).success || !period.startsWith(String(year)))
      throw new HttpProblem(404, 'PERIOD_NOT_FOUND', `Not a period of the plan's year ${year}: ${period}.`);
    const context = pageContext(request);
    const query = context.query;
    const lang = oneOf(['es', 'en'] as const, query['lang'], context.lang);
    switch (raw['document']) {
      case 'report': {
        const format: ReportFormat = oneOf(REPORT_FORMATS, query['format'], 'html');
        const version: ReportVersion = oneOf(REPORT_VERSIONS, query['version'], 'internal');
        const report = await renderReportAt(app.readModels(), {
          planId,
          period,
          asOf: context.asOf,
          format,
          language: lang,
          layout: LATEST_REPORT_LAYOUT[format],
          version,
        });
        return reply
          .type(report.contentType)
          .header('content-disposition', attachmentDisposition(report.fileName))
          .header('content-language', lang)
          .header('x-log-position', report.stamp.position)
          .header('x-evaluation-digest', report.digest)
          .send(report.bytes);
      }
      case 'template':
      case 'export':
        return workbook(app, request, reply, planId, raw['document'], { lang, ...(context.asOf === undefined ? {} : { asOf: context.asOf }) });
      default:
        throw new HttpProblem(404, 'NOT_FOUND', 'No such download.');
    }
  });
};

function workbook(
  app: Parameters<FastifyPluginAsync>[0],
  request: FastifyRequest,
  reply: FastifyReply,
  planId: string,
  kind: 'template' | 'export',
  asked: Record<string, string>,
) {
  const parsed = workbookQuerySchema.safeParse(asked);
  if (!parsed.success) throw new HttpProblem(400, 'VALIDATION_FAILED', parsed.error.message);
  // The route's own handler, with the page's request standing in for the route's parsed params and query.
  const routeRequest = Object.assign(Object.create(request) as FastifyRequest, { params: { planId }, query: parsed.data });
  return answerWorkbook(app, routeRequest, reply, kind);
}
