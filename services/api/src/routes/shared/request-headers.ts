import { z } from 'zod';

// Loose objects: fastify replaces `request.headers` with what the schema
// returns, and the request context reads headers this schema does not name.

/** Headers a write reads. */
export const writeHeadersSchema = z.looseObject({
  'if-match': z
    .string()
    .optional()
    .describe(
      'The ETag you read (e.g. `"3"`): the write applies only if the resource is still at that version, else 412 and nothing changes. `*`: only if the resource exists.',
    ),
  'x-correlation-id': z.string().optional().describe('Groups the events of one conversation or import; recorded in every event.'),
});

/** Headers a read reads. */
export const readHeadersSchema = z.looseObject({
  'if-none-match': z.string().optional().describe('The ETag you hold: when it is still current the answer is 304 with no body.'),
});

export const etagDescription = 'The `ETag` header carries the version, to send back in `If-Match`.';
