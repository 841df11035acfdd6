import { verifyReport, type ReportStamp } from '@semaforo/documents';
import { HttpProblem, problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireEdition } from '../editions/edition-view.js';
import { renderEditionReport, renderReportAt } from '@semaforo/runtime';
import { verificationParamsSchema, verificationResponseSchema } from './report-schemas.js';

/** A PDF of a 1,000-indicator plan is well under this; the rest of the API keeps its small limit. */
const DOCUMENT_LIMIT_BYTES = 32 * 1024 * 1024;
const DOCUMENT_TYPES = ['application/pdf', 'text/html', 'application/octet-stream'];

const MESSAGES = {
  genuine: {
    es: 'La copia es auténtica: regenerada desde su posición, es idéntica byte a byte.',
    en: 'The copy is genuine: regenerated at its position, it is identical byte for byte.',
  },
  'digest-differs': {
    es: 'La copia no es auténtica: la evaluación en esa posición tiene otra huella.',
    en: 'The copy is not genuine: the evaluation at that position has another digest.',
  },
  'bytes-differ': {
    es: 'La copia no es auténtica: regenerada desde su posición, sus bytes son distintos.',
    en: 'The copy is not genuine: regenerated at its position, its bytes differ.',
  },
} as const;

export const verifyReportDocument: FastifyPluginAsyncZod = async (app) => {
  // Documents come as they are, not as JSON: read them as bytes, in this route's scope only.
  app.addContentTypeParser(DOCUMENT_TYPES, { parseAs: 'buffer', bodyLimit: DOCUMENT_LIMIT_BYTES }, (_request, body, done) => done(null, body));
  app.post(
    '/v1/plans/:planId/reports/verification',
    {
      bodyLimit: DOCUMENT_LIMIT_BYTES,
      schema: {
        summary: 'Verify a copy of an evaluation report',
        description:
          'Send the file as the body (`Content-Type: application/pdf`, `text/html` or `application/octet-stream`). The ' +
          'plan, period, log position, digest, layout, format, language and version printed in it are read, the report is ' +
          'regenerated from them and compared byte for byte; a copy of an edition (its stamp names it) is regenerated as that edition, at its position with its recorded layout (404 `EDITION_NOT_FOUND` when there is no such edition). 422 `NOT_A_REPORT` when the file carries no report stamp.',
        tags: ['reports'],
        params: verificationParamsSchema,
        body: z.instanceof(Buffer).describe('The file, byte for byte.'),
        response: { 200: verificationResponseSchema, ...problemResponses(400, 404, 409, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const verification = await verifyReport(request.body, async (stamp: ReportStamp) => {
        if (stamp.planId !== planId) {
          throw new HttpProblem(422, 'REPORT_OF_ANOTHER_PLAN', `The document is a report of plan ${stamp.planId}, not of ${planId}.`, {
            details: { documentPlanId: stamp.planId },
          });
        }
        // An edition's copy regenerates as that edition (its position, its recorded layout), whatever else the stamp claims.
        if (stamp.edition !== null) {
          const edition = await requireEdition(app.store, planId, stamp.period, stamp.edition);
          return renderEditionReport(await app.readModelsFor(request, edition.data.position), planId, edition.data, {
            format: stamp.format,
            language: stamp.language,
            version: stamp.version,
          });
        }
        return renderReportAt(await app.readModelsFor(request, stamp.position), {
          planId,
          period: stamp.period,
          asOf: stamp.position,
          format: stamp.format,
          language: stamp.language,
          layout: stamp.layout,
          version: stamp.version,
        });
      });
      if (verification.verdict === 'unreadable') {
        throw new HttpProblem(
          422,
          'NOT_A_REPORT',
          'The file carries no evaluation report stamp: it is not a report this service wrote, or its stamp was damaged.',
        );
      }
      const { stamp } = verification;
      const reason = verification.verdict === 'genuine' ? undefined : verification.reason;
      return reply.send({
        genuine: verification.verdict === 'genuine',
        verdict: verification.verdict,
        ...(reason === undefined ? {} : { reason }),
        planId: stamp.planId,
        period: stamp.period,
        position: stamp.position,
        digest: stamp.digest,
        regeneratedDigest: verification.verdict === 'genuine' ? stamp.digest : verification.regeneratedDigest,
        layout: stamp.layout,
        format: stamp.format,
        language: stamp.language,
        version: stamp.version,
        edition: stamp.edition,
        message: MESSAGES[reason ?? 'genuine'],
      });
    },
  );
};
