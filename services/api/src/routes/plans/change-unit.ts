import { changeUnitDataSchema } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planItemParamsSchema } from '../shared/plan-params.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { executeWrite } from '../shared/execute-write.js';
import { planWriteAnswer, planWriteAnswerSchema } from './plan-view.js';
import { planWrite } from './plan-write.js';

/** RenameUnit and MoveUnit in one request (`ChangeUnit`): a merge patch of the unit's name and parent; the code is the URL's. */
export const changeUnit: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/v1/plans/:planId/units/:code',
    {
      schema: {
        summary: 'Rename a unit, or move it under another one',
        description:
          '`name` renames the unit; `parentCode` moves it under that unit (`null`: to the top). `reason` is recorded in the events. ' +
          'An old evaluation, report or audit answer keeps the name and place the unit had then. Fields already at the given value change nothing (`write.appended` 0); neither field is 400 `NOTHING_TO_CHANGE`. ' +
          'An unknown unit is 404 `UNIT_NOT_FOUND`; a retired one takes no change (409 `UNIT_RETIRED`). The new parent must be defined (422 `UNKNOWN_PARENT_UNIT`), not retired (422 `PARENT_UNIT_RETIRED`), ' +
          "and neither the unit itself nor one below it (422 `UNIT_MOVE_CYCLE`). `If-Match` takes the plan's ETag.",
        tags: ['plans'],
        params: planItemParamsSchema,
        headers: writeHeadersSchema,
        body: changeUnitDataSchema.omit({ code: true }),
        response: {
          200: planWriteAnswerSchema.describe(`The plan with the unit as it is now. ${etagDescription}`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, code } = request.params;
      const written = await executeWrite(app, request, planWrite(planId, { type: 'ChangeUnit', data: { code, ...request.body } }));
      const answer = await planWriteAnswer(app.writeSide, planId, written);
      return reply.code(200).header('etag', answer.etag).send(answer.body);
    },
  );
};
