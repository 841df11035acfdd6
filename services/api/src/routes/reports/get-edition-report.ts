import { attachmentDisposition, REPORT_FORMATS, REPORT_VERSIONS } from '@semaforo/documents';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { editionParamsSchema } from '../editions/edition-params.js';
import { requireEdition } from '../editions/edition-view.js';
import { reportLanguage } from '../shared/representation.js';
import { renderEditionReport } from '@semaforo/runtime';

const editionReportQuerySchema = z.object({
  format: z.enum(REPORT_FORMATS).optional().describe('`html` (the default), `pdf` or `xlsx`.'),
  version: z
    .enum(REPORT_VERSIONS)
    .optional()
    .describe('`internal` (the default) or `public`: every text written as reserved omitted and shown as omitted, with the legal notice.'),
  lang: z.enum(['es', 'en']).optional().describe('Spanish by default; `en` (or `Accept-Language: en`) for English.'),
});

export const getEditionReport: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/evaluations/:period/editions/:edition/report',
    {
      schema: {
        summary: 'A published edition as a report document (HTML, PDF or XLSX)',
        description:
          'The evaluation report of the edition: at its position, with "Edición n" / "Edition n" on the cover and in the stamp, ' +
          'laid out with the layout the edition recorded when it was published (`v1` for editions published before layouts ' +
          'were recorded). The same bytes on every call, whatever was written or which layout became the default since. ' +
          '404 `EDITION_NOT_FOUND` for an edition that does not exist.',
        tags: ['reports', 'editions'],
        params: editionParamsSchema,
        querystring: editionReportQuerySchema,
        response: {
          200: {
            description: 'The document.',
            content: {
              'text/html': { schema: z.instanceof(Buffer).describe('One self-contained HTML file (UTF-8).') },
              'application/pdf': { schema: z.instanceof(Buffer).describe('A PDF file.') },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.instanceof(Buffer).describe('A workbook.') },
            },
          },
          ...problemResponses(400, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, period, edition: number } = request.params;
      const format = request.query.format ?? 'html';
      const language = reportLanguage(request.query.lang, request.headers['accept-language']);
      const edition = await requireEdition(app.store, planId, period, number);
      const report = await renderEditionReport(app.readModels(), planId, edition.data, {
        format,
        language,
        ...(request.query.version === undefined ? {} : { version: request.query.version }),
      });
      return reply
        .type(report.contentType)
        .header('content-disposition', attachmentDisposition(report.fileName))
        .header('content-language', language)
        .header('vary', 'Accept-Language')
        .header('x-log-position', report.stamp.position)
        .header('x-evaluation-digest', report.digest)
        .header('x-report-layout', report.stamp.layout)
        .header('x-edition', String(number))
        .send(report.bytes);
    },
  );
};
