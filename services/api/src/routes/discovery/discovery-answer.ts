import { createHash } from 'node:crypto';
import type { CsvVersion, DocumentLanguage } from '@semaforo/documents';
import { DomainError, type PlanFacts } from '@semaforo/domain';
import { formatLogPosition } from '@semaforo/event-store';
import { evaluationFactsAsOf, planFactsAt } from '@semaforo/projection-evaluation-facts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { POSITION_HEADER } from '../shared/read-point.js';
import { readQueryShape } from '../shared/read-schemas.js';
import { csvDownload, csvVersion, reportLanguage, wantsCsv, type csvVersionSchema } from '../shared/representation.js';

/** What every discovery list takes: `asOf`, `format`, `lang`, `csvVersion`. */
export const discoveryQueryShape = readQueryShape('2021-07-01T00:00:00Z');

export const DESCRIBE_ANSWER =
  'Takes `asOf` (a log position or an instant) and echoes the `position` it answers at (also the `Semaforo-Position` header). ' +
  'The `ETag` is weak and names the content (not the position): `If-None-Match` with it answers 304 while nothing listed changed. ' +
  'Answers `text/csv` with `Accept: text/csv` or `format=csv` (Spanish unless `lang=en`).';

export const answeredAtSchema = {
  position: z.string().describe('The log position `<commit>:<prepare>` this answer is as of: pass it as `asOf` to get it again.'),
  asOf: z.string().optional().describe('The `asOf` given, echoed as given.'),
};

interface ListQuery {
  readonly asOf?: string | undefined;
  readonly format?: 'json' | 'csv' | undefined;
  readonly lang?: DocumentLanguage | undefined;
  readonly csvVersion?: z.infer<typeof csvVersionSchema>;
}

/**
 * A plan's facts as the evaluation-facts read model knew them at `asOf`:
 * the same rows the evaluations read, so a list and an evaluation at one
 * position agree. 404 when the plan did not exist then.
 */
export async function planFactsAsOf(app: FastifyInstance, planId: string, asOf: string | undefined): Promise<{ facts: PlanFacts; position: string }> {
  const db = app.readModels();
  const { schema, position } = await evaluationFactsAsOf(db, asOf);
  const facts = await planFactsAt(db, planId, position, schema);
  if (facts === null) {
    throw new DomainError('PLAN_NOT_FOUND', `There is no plan ${planId} at this position of the log.`, { planId }, { atPosition: true });
  }
  return { facts, position: formatLogPosition(position) };
}

/**
 * Sends a list as JSON (`{ position, asOf?, ...content }`) or CSV, with a
 * weak ETag over what it lists (the content and the representation, not
 * the position: a later position with the same content is the same answer
 * to a cache), and 304 for an `If-None-Match` that still matches.
 */
export function sendList(
  request: FastifyRequest & { readonly query: ListQuery },
  reply: FastifyReply,
  answer: {
    readonly position: string;
    readonly content: Readonly<Record<string, unknown>>;
    readonly csv: (language: DocumentLanguage, version: CsvVersion) => string;
    readonly fileName: (language: DocumentLanguage) => string;
  },
): FastifyReply {
  const { asOf, format, lang, csvVersion: askedVersion } = request.query;
  reply.header('vary', 'Accept, Accept-Language');
  reply.header(POSITION_HEADER, answer.position);
  if (wantsCsv(format, request.headers.accept)) {
    const language = reportLanguage(lang, request.headers['accept-language']);
    const text = answer.csv(language, csvVersion(askedVersion));
    if (notModified(request, reply, `csv|${text}`)) return reply.code(304).send();
    csvDownload(reply, answer.fileName(language));
    return reply.header('content-language', language).send(text);
  }
  if (notModified(request, reply, `json|${JSON.stringify(answer.content)}`)) return reply.code(304).send();
  return reply.type('application/json').send({ position: answer.position, ...(asOf === undefined ? {} : { asOf }), ...answer.content });
}

function notModified(request: FastifyRequest, reply: FastifyReply, representation: string): boolean {
  const etag = `W/"${createHash('sha256').update(representation).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag);
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  const opaque = etag.slice(2);
  return header.split(',').some((raw) => {
    const tag = raw.trim();
    return tag === '*' || tag === etag || tag === opaque;
  });
}
