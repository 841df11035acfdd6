import type { SignOffCommand } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { executeWrite } from '../shared/execute-write.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { unitPeriodParamsSchema } from './sign-off-params.js';
import { unitPeriodWriteAnswer, unitPeriodWriteAnswerSchema } from './sign-off-view.js';
import { signOffWrite } from './sign-off-write.js';

/** What tells one transition's route from another: its URL segment, its command, its body and its words. */
export interface UnitPeriodTransition<Type extends SignOffCommand['type'], Body extends z.ZodType<object>> {
  readonly segment: 'submission' | 'approval' | 'return' | 'unapproval' | 'reopening';
  readonly type: Type;
  readonly body: Body;
  readonly summary: string;
  readonly description: string;
}

const COMMON =
  "Answers the unit-period right after the command; the same transition again changes nothing (`write.appended` 0). `If-Match` takes the ETag of the plan's sign-off (every unit and period), as answered here.";

/**
 * One POST per sign-off transition, under
 * `/v1/plans/:planId/periods/:period/units/:unit/<segment>`: the same
 * shape for all five, so each route file says only what is its own.
 */
export const unitPeriodRoute =
  <Type extends SignOffCommand['type'], Body extends z.ZodType<object>>(transition: UnitPeriodTransition<Type, Body>): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      `/v1/plans/:planId/periods/:period/units/:unit/${transition.segment}`,
      {
        schema: {
          summary: transition.summary,
          description: `${transition.description} ${COMMON}`,
          tags: ['sign-off'],
          params: unitPeriodParamsSchema,
          headers: writeHeadersSchema,
          body: transition.body,
          response: {
            200: unitPeriodWriteAnswerSchema.describe(`The unit-period's sign-off now. ${etagDescription}`),
            ...problemResponses(400, 404, 409, 412, 413, 415, 422, 503),
          },
        },
      },
      async (request, reply) => {
        const { planId, period, unit } = request.params;
        const command = { type: transition.type, data: { ...(request.body as object), period, unit } } as SignOffCommand;
        const written = await executeWrite(app, request, signOffWrite(planId, command));
        const answer = await unitPeriodWriteAnswer(app.writeSide, planId, period, unit, written);
        return reply.code(200).header('etag', answer.etag).send(answer.body);
      },
    );
  };
