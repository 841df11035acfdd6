import { signedDecimalStringSchema, reasonSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { indicatorPeriodParamsSchema } from './indicator-params.js';
import { indicatorWriteAnswer, indicatorWriteAnswerSchema } from './indicator-view.js';
import { indicatorWrite } from './indicator-write.js';

/** The command's data without what the URL says (code, period). */
type ReportResultBody = { value: string; numerator?: string; denominator?: string; reason?: string } | { noData: true; reason: string };

/**
 * One object rather than the command's union: a union that fails says only
 * "invalid input" about the whole body, while this names the field to fix
 * (`body.reason` when no data comes without a reason).
 */
export const reportResultBodySchema = z
  .object({
    value: signedDecimalStringSchema.optional().describe('The result. Leave out with `noData`.'),
    numerator: signedDecimalStringSchema.optional().describe('With `denominator`, the parts of a ratio; both or neither.'),
    denominator: signedDecimalStringSchema.optional(),
    noData: z.literal(true).optional().describe('`true`: there is no data for the period. Needs a `reason`.'),
    reason: reasonSchema.optional().describe('Why: required to correct a reported result, and with `noData`.'),
  })
  .transform((body, ctx): ReportResultBody => {
    const { value, numerator, denominator, noData, reason } = body;
    if (noData === true) {
      for (const field of ['value', 'numerator', 'denominator'] as const) {
        if (body[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'must be left out when noData is true' });
      }
      if (reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required with noData: say why there is no data' });
      return reason === undefined ? z.NEVER : { noData, reason };
    }
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required: the result of the period, or noData: true with a reason' });
      return z.NEVER;
    }
    return {
      value,
      ...(numerator === undefined ? {} : { numerator }),
      ...(denominator === undefined ? {} : { denominator }),
      ...(reason === undefined ? {} : { reason }),
    };
  })
  .describe('`{ value, numerator?, denominator?, reason? }`, or `{ noData: true, reason }`.');

/** ReportResult: report, correct (with a reason) or report "no data". Idempotent like the target's PUT. */
export const reportResult: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/plans/:planId/indicators/:code/results/:period',
    {
      schema: {
        summary: 'Report or correct a result, or report no data',
        description:
          "Reports the result of a period of the indicator's periodicity in the plan's year: `{ value, numerator?, denominator? }` (both parts or neither: else 400 `INCOMPLETE_RATIO`), or `{ noData: true, reason }`. Changing a reported result is a correction (a restatement) and needs a `reason` (else 422 `REASON_REQUIRED`). The same result again changes nothing (`write.appended` 0). A retired indicator takes no result (409 `INDICATOR_RETIRED`). A period whose unit is approved for a sign-off period it ends inside is locked (409 `PERIOD_LOCKED`); past the plan's data-entry window it is closed (409 `DATA_ENTRY_CLOSED`, with the deadline); a planner's reopening lifts either. The indicator's plausibility rules (`…/plausibility-rules`) judge the value: one at level `refuse` answers 422 `IMPLAUSIBLE_RESULT` naming the rule, the value and the bound (or the expected quotient); those at level `warn` accept it and the result in the answer carries their `warnings`.",
        tags: ['indicators'],
        params: indicatorPeriodParamsSchema,
        headers: writeHeadersSchema,
        body: reportResultBodySchema,
        response: {
          200: indicatorWriteAnswerSchema.describe(`The indicator with its results now. ${etagDescription}`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code, period } = request.params;
      const written = await executeWrite(app, request, indicatorWrite(planId, { type: 'ReportResult', data: { code, period, ...request.body } }));
      const answer = await indicatorWriteAnswer(app.writeSide, planId, code, written);
      return reply.code(200).header('etag', answer.etag).send(answer.body);
    },
  );
};
