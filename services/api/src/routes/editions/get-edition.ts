import { documentFileName, evaluationToCsv } from '@semaforo/documents';
import type { Evaluation } from '@semaforo/domain';
import { problemResponses } from '@semaforo/http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvDownload, csvVersion, reportLanguage, wantsCsv } from '../shared/representation.js';
import { readHeadersSchema } from '../shared/request-headers.js';
import { editionBytes } from './edition-bytes.js';
import { editionParamsSchema } from './edition-params.js';
import { requireEdition } from './edition-view.js';
import { readQueryShape } from '../shared/read-schemas.js';

const { asOf: _asOf, ...representationShape } = readQueryShape('2021-07-01T00:00:00Z');

/**
 * An edition, as published: the stored bytes, not an evaluation. The same
 * for everyone forever, so its ETag is its digest and a client that holds
 * it gets a 304.
 */
export const getEdition: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/evaluations/:period/editions/:edition',
    {
      schema: {
        summary: 'Read a published edition',
        description:
          'The evaluation exactly as published: its canonical JSON (keys sorted, decimals as strings), byte for byte, whose SHA-256 is ' +
          "the edition's digest (`X-Evaluation-Digest`) and which equals the evaluation `?asOf=` the edition's position " +
          '(`X-Log-Position`), whatever was written since. As CSV (`format=csv` or `Accept: text/csv`), the evaluation CSV of those ' +
          'bytes. 404 `EDITION_NOT_FOUND` for an edition that does not exist.',
        tags: ['editions'],
        params: editionParamsSchema,
        querystring: z.object(representationShape),
        headers: readHeadersSchema,
        response: {
          200: {
            description: 'The edition: canonical JSON of the evaluation, or its CSV.',
            content: {
              'application/json': { schema: z.string().describe("The canonical JSON of the evaluation (an `EvaluationAnswer`'s `evaluation`).") },
              'text/csv': { schema: z.string() },
            },
          },
          304: z.void().describe('Not modified: you hold this edition (its digest).'),
          ...problemResponses(400, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId, period, edition: number } = request.params;
      const { format, lang, csvVersion: askedVersion } = request.query;
      const edition = await requireEdition(app.store, planId, period, number);
      const { digest, position } = edition.data;
      reply.header('x-log-position', position);
      reply.header('x-evaluation-digest', digest);
      reply.header('x-edition', String(number));
      reply.header('vary', 'Accept, Accept-Language');
      const csv = wantsCsv(format, request.headers.accept);
      const language = reportLanguage(lang, request.headers['accept-language']);
      // One edition, one JSON and one CSV per language and format: the ETag says which.
      const etag = csv ? `"${digest}-csv${csvVersion(askedVersion)}-${language}"` : `"${digest}"`;
      reply.header('etag', etag);
      if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag || tag.trim() === `W/${etag}`) === true) {
        return reply.code(304).send();
      }
      const kept = await editionBytes(await app.readModelsFor(request, undefined), planId, edition);
      // The bytes as kept, encoded once: fastify sends a Buffer as it is (no serializer, no re-encoding of a
      // megabyte per request); the schema can only say what the bytes are, JSON text, hence the cast.
      if (!csv) return reply.type('application/json; charset=utf-8').send(kept.bytes as unknown as string);
      csvDownload(reply, documentFileName({ kind: 'edition', planId, period, edition: number }, language));
      reply.header('content-language', language);
      return reply.send(evaluationToCsv(JSON.parse(kept.text) as Evaluation, language, csvVersion(askedVersion)));
    },
  );
};
