import { differenceToCsv, documentFileName, LABELS, type DocumentLanguage } from '@semaforo/documents';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csvDownload, csvVersion, reportLanguage, wantsCsv } from '../shared/representation.js';
import { readQueryShape } from '../shared/read-schemas.js';
import type { DifferenceAnswer, DifferenceSide } from './answer-difference.js';

const { asOf: _asOf, ...representationShape } = readQueryShape('2021-07-01T00:00:00Z');

/** `format`, `lang`, `csvVersion`, as every tabular read takes them. */
export const differenceRepresentationShape = representationShape;

export const differenceDescription =
  'Every indicator whose target, result, compliance or status (or due periods, justifications, definition) differs, before → after, ' +
  'with the events between the two positions that caused each change (who, when, why, source), and the counts before → after; ' +
  'ordered by perspective, unit, code. `empty: true` (and no indicator) exactly when both sides are the same evaluation. ' +
  'As CSV (`format=csv`, `Accept: text/csv`, es/en): one row per indicator and event, then the counts.';

interface Representation {
  readonly format?: 'json' | 'csv' | undefined;
  readonly lang?: DocumentLanguage | undefined;
  readonly csvVersion?: z.infer<typeof representationShape.csvVersion>;
}

export function sendDifference(
  request: FastifyRequest,
  reply: FastifyReply,
  query: Representation,
  sides: { readonly from: DifferenceSide; readonly to: DifferenceSide },
  answer: DifferenceAnswer,
): FastifyReply {
  reply.header('vary', 'Accept, Accept-Language');
  reply.header('x-log-position', answer.to.position);
  if (!wantsCsv(query.format, request.headers.accept)) return reply.send(answer);
  const language = reportLanguage(query.lang, request.headers['accept-language']);
  const label = (side: DifferenceSide) => (side.label === 'now' ? LABELS[language].now : side.label);
  const subject = { kind: 'difference', planId: answer.planId, period: answer.period, from: label(sides.from), to: label(sides.to) } as const;
  csvDownload(reply, documentFileName(subject, language));
  reply.header('content-language', language);
  return reply.send(differenceToCsv(answer, language, csvVersion(query.csvVersion)));
}

export const differenceCsvSchema = z.string().describe('Código, Indicador, Perspectiva, Unidad, Cambió, Meta antes / después, …, then the counts.');
