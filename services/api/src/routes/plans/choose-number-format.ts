import { chooseNumberFormatDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planParamsSchema } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { planWriteAnswer, planWriteAnswerSchema } from './plan-view.js';
import { planWrite } from './plan-write.js';

/**
 * ChooseNumberFormat. A PUT, like the scale: a plan always has a number
 * format (the default until it chooses), so this replaces it and answers 200.
 */
export const chooseNumberFormat: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/plans/:planId/number-format',
    {
      schema: {
        summary: "Choose how the plan's documents write numbers",
        description:
          'The institution\'s convention, whatever the language of the document: `{"decimalSeparator":".","thousandsSeparator":",","percentStyle":"attached","currencySymbol":"$"}` ' +
          '(the default: `1,219`, `99.6%`) or, as the Ecuadorian catalog, `{"decimalSeparator":",","thousandsSeparator":".","percentStyle":"spaced","currencySymbol":"$"}` (`1.482`, `0,5`, `99,6 %`). ' +
          "A document regenerated as of an earlier position keeps the format it had then. The same format again changes nothing (`write.appended` 0). `If-Match` takes the plan's ETag.",
        tags: ['plans'],
        params: planParamsSchema,
        headers: writeHeadersSchema,
        body: chooseNumberFormatDataSchema,
        response: {
          200: planWriteAnswerSchema.describe(`The plan with its number format now. ${etagDescription}`),
          ...problemResponses(400, 404, 412, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const written = await executeWrite(app, request, planWrite(planId, { type: 'ChooseNumberFormat', data: request.body }));
      const answer = await planWriteAnswer(app.writeSide, planId, written);
      return reply.code(200).header('etag', answer.etag).send(answer.body);
    },
  );
};
