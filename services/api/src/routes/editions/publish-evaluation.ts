import { LATEST_REPORT_LAYOUT } from '@semaforo/documents';
import { evaluationCanonicalJson, publicationStream, reasonSchema } from '@semaforo/domain';
import { formatETag, problemResponses } from '@semaforo/http';
import { formatLogPosition } from '@semaforo/event-store';
import { evaluationAsOf } from '@semaforo/projection-evaluation-facts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { executeWrite } from '../shared/execute-write.js';
import { etagDescription, writeHeadersSchema } from '../shared/request-headers.js';
import { toWriteOutcome, writeOutcomeSchema } from '../shared/write-outcome.js';
import { editionContents } from './edition-contents.js';
import { editionsPath, periodParamsSchema } from './edition-params.js';
import { editionViewSchema, readEditions, toEditionView } from './edition-view.js';

const publishBodySchema = z.object({
  asOf: z
    .string()
    .optional()
    .describe(
      'The evaluation to publish, as of this position (or instant), e.g. the `position` of the evaluation you reviewed. Default: the latest projected.',
    ),
  reason: reasonSchema.optional().describe('Why: required from the second edition on (a restatement), else 422 `REASON_REQUIRED`.'),
  allowUnapprovedUnits: z.boolean().optional().describe('Publish although some units are not approved for the period; the edition names them.'),
});

/**
 * PublishEvaluation. The route evaluates (the decider never does): it reads
 * the evaluation as of the asked position, keeps its canonical bytes by
 * digest BEFORE appending the event, so no edition ever exists whose bytes
 * were not kept first, then lets the decider number the edition.
 */
export const publishEvaluation: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/plans/:planId/evaluations/:period/editions',
    {
      schema: {
        summary: 'Publish the evaluation of a period (an edition)',
        description:
          'Publishes the evaluation as of `asOf` (default: the latest projected position) as the next edition of the period: ' +
          'edition 1 the first time, a restatement after (needs `reason`, else 422 `REASON_REQUIRED`). The edition records the ' +
          'position, the digest, the method, the report layouts, who and when, and never changes: `GET …/editions/{n}` answers its bytes. ' +
          'Publishing what the latest edition already publishes (the same position or the same digest) is 409 `EDITION_UNCHANGED`. ' +
          'While units are not approved for the period, publishing needs `allowUnapprovedUnits` (else 409 `UNAPPROVED_UNITS`). ' +
          "`If-Match` takes the editions list's ETag.",
        tags: ['editions'],
        params: periodParamsSchema,
        headers: writeHeadersSchema,
        body: publishBodySchema,
        response: {
          201: z
            .object({ edition: editionViewSchema, write: writeOutcomeSchema })
            .describe(`Published. \`Location\` is the edition. ${etagDescription} (of the period's editions)`),
          ...problemResponses(400, 404, 409, 412, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, period } = request.params;
      const { asOf, reason, allowUnapprovedUnits } = request.body;
      const db = app.readModels();
      const { position, evaluation, digest } = await evaluationAsOf(db, { planId, period, asOf });
      await editionContents(db).put(digest, evaluationCanonicalJson(evaluation));
      const at = formatLogPosition(position);
      const written = await executeWrite(app, request, {
        stream: publicationStream(planId, period),
        command: {
          type: 'PublishEvaluation',
          data: {
            period,
            position: at,
            digest,
            method: evaluation.evaluationMethod,
            ...(reason === undefined ? {} : { reason }),
            allowUnapprovedUnits: allowUnapprovedUnits ?? false,
            // Recorded so the edition's documents keep their layout when a newer one becomes the default.
            reportLayouts: { ...LATEST_REPORT_LAYOUT },
          },
        },
        creates: false,
      });
      const { editions } = await readEditions(app.store, planId, period);
      // Ours by position: another publication may have followed it already.
      const published = editions.find((e) => formatLogPosition(e.event.position) === written.position) ?? editions.at(-1)!;
      return reply
        .code(201)
        .header('location', `${editionsPath(planId, period)}/${published.data.edition}`)
        .header('etag', formatETag(written.version))
        .send({ edition: toEditionView(published), write: toWriteOutcome(written) });
    },
  );
};
