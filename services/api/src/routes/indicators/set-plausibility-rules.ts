import { setPlausibilityRulesDataSchema, indicatorStream } from '@semaforo/domain';
import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { toWriteOutcome } from '../shared/write-outcome.js';
import { indicatorParamsSchema } from './indicator-params.js';
import { indicatorNotFound } from './indicator-view.js';
import { indicatorWrite } from './indicator-write.js';
import { plausibilityRulesWriteAnswerSchema, toPlausibilityRulesView } from './plausibility-rules-view.js';

const { code: _code, rules, reason } = setPlausibilityRulesDataSchema.shape;

/** The rules at the top of the body, as `GET` answers them, with the reason beside them. */
export const setPlausibilityRulesBodySchema = rules.extend({ reason });

/** SetPlausibilityRules. A PUT: the rules replace the ones in force whole, and the same rules again change nothing. */
export const setPlausibilityRules: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/plans/:planId/indicators/:code/plausibility-rules',
    {
      schema: {
        summary: "Set an indicator's plausibility rules",
        description:
          "Sets the rules every new result of the indicator is checked against, replacing the ones in force (its measure's defaults until rules are first set): `minimum` and `maximum` (inclusive bounds, signed decimals) and `ratioCheck` (a result given with numerator and denominator must be numerator / denominator × `scale`, rounded half-up to the result's own decimals or the indicator's `decimals` when more; a zero denominator fails it). Each at a `level`: `refuse` answers a result that breaks it 422 `IMPLAUSIBLE_RESULT`; `warn` accepts it and stores the warning with it. A rule left out is not checked; `{}` checks nothing. Results already recorded are not judged again. A minimum above the maximum is 400 `INVALID_PLAUSIBILITY_RULES`; a retired indicator takes no rules (409 `INDICATOR_RETIRED`). The same rules again change nothing (`write.appended` 0).",
        tags: ['indicators'],
        params: indicatorParamsSchema,
        headers: writeHeadersSchema,
        body: setPlausibilityRulesBodySchema,
        response: {
          200: plausibilityRulesWriteAnswerSchema.describe(`The rules in force now. ${etagDescription}`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code } = request.params;
      const { reason: given, ...body } = request.body;
      const written = await executeWrite(
        app,
        request,
        indicatorWrite(planId, { type: 'SetPlausibilityRules', data: { code, rules: body, ...(given === undefined ? {} : { reason: given }) } }),
      );
      const { state: indicator, version } = await app.writeSide.readAfter(indicatorStream(planId, code), written);
      if (indicator.status === 'absent') throw await indicatorNotFound(app.writeSide, planId, code);
      return reply
        .code(200)
        .header('etag', formatETag(version))
        .send({ ...toPlausibilityRulesView(indicator, version), write: toWriteOutcome(written) });
    },
  );
};
