import { attachmentDisposition, isReportLayout, LATEST_REPORT_LAYOUT, REPORT_FORMATS, REPORT_VERSIONS } from '@semaforo/documents';
import { HttpProblem, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportLanguage } from '../shared/representation.js';
import { readQueryShape } from '../shared/read-schemas.js';
import { reportParamsSchema } from './report-schemas.js';
import { renderReportAt } from '@semaforo/runtime';

const reportQuerySchema = z.object({
  asOf: readQueryShape('2023-07-01T00:00:00Z').asOf,
  format: z
    .enum(REPORT_FORMATS)
    .optional()
    .describe('`html` (the default: one self-contained file), `pdf` or `xlsx` (the same content as sheets, numbers as numbers).'),
  version: z
    .enum(REPORT_VERSIONS)
    .optional()
    .describe(
      '`internal` (the default: every text, reserved ones marked) or `public`: every text written as reserved omitted and shown as omitted, ' +
        'with the legal notice (LAIP arts. 24 and 30, LOTAIP art. 7).',
    ),
  lang: z.enum(['es', 'en']).optional().describe('Spanish by default; `en` (or `Accept-Language: en`) for English.'),
  layout: z
    .string()
    .regex(/^v[1-9]\d{0,3}$/)
    .optional()
    .describe(
      'The layout version to render with (default: the latest). A document records the layout it was rendered with; asking ' +
        'for it again with the same position, format and language gives the same bytes.',
    ),
});

export const getEvaluationReport: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/evaluations/:period/report',
    {
      schema: {
        summary: 'The evaluation report as a document (HTML, PDF or XLSX)',
        description:
          'The quarterly evaluation report as the institution publishes it: cover, methodology (the plan’s scale), general ' +
          'results with charts, per kind and perspective the responsible units, a counts sentence and a table per unit, the ' +
          'interpretations, the critical indicators with their justifications and corrective actions, the closing table, and ' +
          'a footer with the log position, the digest and how to verify a copy. The same position, format, language and ' +
          'layout always give the same bytes. Sent as an attachment (`informe-<plan>-<period>.pdf`, `report-…` in English) ' +
          'with `X-Log-Position`, `X-Evaluation-Digest` and `X-Report-Layout`.',
        tags: ['reports'],
        params: reportParamsSchema,
        querystring: reportQuerySchema,
        response: {
          200: {
            description: 'The document.',
            content: {
              'text/html': { schema: z.instanceof(Buffer).describe('One self-contained HTML file (UTF-8).') },
              'application/pdf': { schema: z.instanceof(Buffer).describe('A PDF file.') },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: z.instanceof(Buffer).describe('A workbook: summary, one sheet per kind, critical, closing; frozen headers and filters.'),
              },
            },
          },
          ...problemResponses(400, 404, 409, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, period } = request.params;
      const format = request.query.format ?? 'html';
      const layout = request.query.layout ?? LATEST_REPORT_LAYOUT[format];
      if (!isReportLayout(format, layout)) {
        throw new HttpProblem(400, 'UNKNOWN_REPORT_LAYOUT', `There is no ${format} report layout ${layout}; the latest is ${LATEST_REPORT_LAYOUT[format]}.`, {
          details: { format, layout },
        });
      }
      const language = reportLanguage(request.query.lang, request.headers['accept-language']);
      const version = request.query.version ?? 'internal';
      const report = await renderReportAt(await app.readModelsFor(request, request.query.asOf), {
        planId,
        period,
        asOf: request.query.asOf,
        format,
        language,
        layout,
        version,
      });
      return reply
        .type(report.contentType)
        .header('content-disposition', attachmentDisposition(report.fileName))
        .header('content-language', language)
        .header('vary', 'Accept-Language')
        .header('x-log-position', report.stamp.position)
        .header('x-evaluation-digest', report.digest)
        .header('x-report-layout', report.stamp.layout)
        .send(report.bytes);
    },
  );
};
