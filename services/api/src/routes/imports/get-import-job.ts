import { HttpProblem, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { importJobParamsSchema, importJobSchema } from './import-schemas.js';

/** An import job: its progress (rows done of the total), then its summary. */
export const getImportJob: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/imports/:jobId',
    {
      schema: {
        summary: 'Progress and summary of an import job',
        description:
          '`state` `queued`, `running` (with `rowsDone` of `rowsTotal`), then `done` with the `summary`, or `failed` with what was applied. A job interrupted by a restart of the service resumes by itself (`runs` counts the starts).',
        tags: ['imports'],
        params: importJobParamsSchema,
        response: { 200: importJobSchema, ...problemResponses(400, 404, 503) },
      },
      // Progress is read from the job's own table, never from a projection: a poll answers at once.
      config: { readsProjections: false },
    },
    async (request, reply) => {
      const { planId, jobId } = request.params;
      const view = await app.importJobStore.get(jobId);
      if (view === undefined || view.planId !== planId) throw new HttpProblem(404, 'IMPORT_JOB_NOT_FOUND', `The plan ${planId} has no import job ${jobId}.`);
      return reply.code(200).header('cache-control', 'no-store').send(view);
    },
  );
};
