import { problemResponses } from '@semaforo/http';
import { XLSX_MEDIA_TYPE } from '@semaforo/spreadsheets';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planParamsSchema } from '../shared/plan-params.js';
import { answerWorkbook, describeWorkbook } from './answer-workbook.js';
import { workbookQuerySchema } from './workbook-query.js';

/** A plan as a workbook: to keep, to edit offline and import again, or to roll over into next year's plan. */
export const getExport: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/export',
    {
      schema: {
        summary: 'Export a plan to its workbook',
        description: `The plan's perspectives, units and active indicators, its current targets and results (\`Sí\`/\`Yes\` under \`Sin datos\` for "no data"), as of \`asOf\`. Imported into an empty plan of another year (its periods mapped to that year) it gives the same indicators and targets. ${describeWorkbook}`,
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
    async (request, reply) => answerWorkbook(app, request, reply, 'export'),
  );
};
