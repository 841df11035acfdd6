import { problemResponses } from '@semaforo/http';
import { XLSX_MEDIA_TYPE } from '@semaforo/spreadsheets';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planParamsSchema } from '../shared/plan-params.js';
import { answerWorkbook, describeWorkbook } from './answer-workbook.js';
import { workbookQuerySchema } from './workbook-query.js';

/** A plan's workbook to fill in offline: its structure, and every target and result cell waiting for a number. */
export const getTemplate: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/template',
    {
      schema: {
        summary: "Download a plan's workbook template",
        description: `The plan's perspectives, units and active indicators, and \`Metas\` and \`Resultados\` prefilled with every indicator and period, their values empty. ${describeWorkbook}`,
        tags: ['workbooks'],
        params: planParamsSchema,
        querystring: workbookQuerySchema,
        response: {
          200: {
            description: 'The workbook (XLSX), or one sheet of it (`text/csv`), as an attachment.',
            content: {
              [XLSX_MEDIA_TYPE]: { schema: z.string().describe('An XLSX workbook (binary).') },
              'text/csv': { schema: z.string().describe('One sheet: its headers, then its rows.') },
            },
          },
          ...problemResponses(400, 404, 409, 503),
        },
      },
    },
    async (request, reply) => answerWorkbook(app, request, reply, 'template'),
  );
};
