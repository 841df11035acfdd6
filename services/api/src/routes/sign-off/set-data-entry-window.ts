import { planStream, PERIODICITIES, setDataEntryWindowDataSchema, type OpenPlanState } from '@semaforo/domain';
import { formatETag, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { executeWrite } from '../shared/execute-write.js';
import { planNotFound } from '../shared/plan-not-found.js';
import { planParamsSchema } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { toWriteOutcome, writeOutcomeSchema } from '../shared/write-outcome.js';

const windowsSchema = z
  .object(
    Object.fromEntries(PERIODICITIES.map((p) => [p, z.number().int().min(0).optional()])) as Record<(typeof PERIODICITIES)[number], z.ZodOptional<z.ZodNumber>>,
  )
  .describe('Days after a period ends during which its results are accepted, per periodicity; a periodicity not listed has no window.');

const dataEntryWindowAnswerSchema = z
  .object({ planId: z.string(), dataEntryWindows: windowsSchema, write: writeOutcomeSchema })
  .meta({ id: 'DataEntryWindowAnswer', description: "The plan's data-entry windows right after the write, and what the write did." });

const windowsOf = (plan: OpenPlanState) =>
  Object.fromEntries(PERIODICITIES.flatMap((p) => (plan.dataEntryWindows?.[p] === undefined ? [] : [[p, plan.dataEntryWindows[p]]])));

/** SetDataEntryWindow: DHIS2's "expiry days", per periodicity. A PUT: the same window again changes nothing. */
export const setDataEntryWindow: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/plans/:planId/data-entry-window',
    {
      schema: {
        summary: 'Set or clear the data-entry window of a periodicity',
        description:
          "`{ periodicity, days }`: results for a period of that periodicity are accepted until the end of the `days`-th day (UTC) after the period ends; later ones are refused (409 `DATA_ENTRY_CLOSED`, with the deadline) unless a planner reopened the unit for a period containing it. `days: null` removes the window (the default: none). Judged at the instant each result is received, which every event records. `If-Match` takes the plan's ETag.",
        tags: ['sign-off'],
        params: planParamsSchema,
        headers: writeHeadersSchema,
        body: setDataEntryWindowDataSchema,
        response: {
          200: dataEntryWindowAnswerSchema.describe(`The windows now. ${etagDescription} (the plan's)`),
          ...problemResponses(400, 404, 412, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const stream = planStream(planId);
      const written = await executeWrite(app, request, { stream, command: { type: 'SetDataEntryWindow', data: request.body }, creates: false });
      const { state, version } = await app.writeSide.readAfter(stream, written);
      if (state.status !== 'open') throw planNotFound(planId);
      return reply
        .code(200)
        .header('etag', formatETag(version))
        .send({ planId, dataEntryWindows: windowsOf(state), write: toWriteOutcome(written) });
    },
  );
};
