import { documentFileName, type CsvVersion, type DocumentLanguage } from '@semaforo/documents';
import type { Evaluation } from '@semaforo/domain';
import { formatLogPosition } from '@semaforo/event-store';
import { evaluationAsOf } from '@semaforo/projection-evaluation-facts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csvDownload, csvVersion, reportLanguage, wantsCsv } from '../shared/representation.js';

export const describeAnswer =
  'Takes `asOf` (a log position, or an instant: see the parameter). The answer names the position it is as of, in the ' +
  "body (`position`) and in the `X-Log-Position` header, and the evaluation's `digest` (also `X-Evaluation-Digest`), " +
  'so a CSV answer is traceable too. Answers `text/csv` with `Accept: text/csv` or `format=csv`, as an attachment ' +
  '(`Content-Disposition`, e.g. `evaluacion-upisss-2023-2023-Q2.csv`), in the format `csvVersion` names (default 3).';

interface EvaluationRequest {
  readonly params: { readonly planId: string; readonly period: string };
  readonly query: {
    readonly asOf?: string | undefined;
    readonly format?: 'json' | 'csv' | undefined;
    readonly lang?: DocumentLanguage | undefined;
    readonly csvVersion?: `${CsvVersion}` | undefined;
  };
}

export interface EvaluationAnswer {
  readonly evaluation: Evaluation;
  /** What every JSON answer starts with. */
  readonly answeredAt: { readonly position: string; readonly asOf?: string; readonly digest: string };
  /** The CSV's language and format when the client asked for CSV (its headers are already set); null for JSON. */
  readonly csv: { readonly language: DocumentLanguage; readonly version: CsvVersion } | null;
}

/**
 * What both evaluation routes share: evaluate from the read model at the
 * requested position, set the headers that trace the answer, and negotiate
 * the representation. Errors (unknown plan at that position, a period
 * outside the plan's year, an asOf not projected yet) are thrown as they are
 * and mapped to problems by code.
 */
export async function answerEvaluation(
  app: FastifyInstance,
  request: FastifyRequest & EvaluationRequest,
  reply: FastifyReply,
  document: 'evaluation' | 'summary',
): Promise<EvaluationAnswer> {
  const { planId, period } = request.params;
  const { asOf, format, lang, csvVersion: askedVersion } = request.query;
  const { position, evaluation, digest } = await evaluationAsOf(await app.readModelsFor(request, asOf), { planId, period, asOf });
  const answeredAt = { position: formatLogPosition(position), ...(asOf === undefined ? {} : { asOf }), digest };
  reply.header('vary', 'Accept, Accept-Language');
  reply.header('x-log-position', answeredAt.position);
  reply.header('x-evaluation-digest', digest);
  if (!wantsCsv(format, request.headers.accept)) return { evaluation, answeredAt, csv: null };
  const language = reportLanguage(lang, request.headers['accept-language']);
  csvDownload(reply, documentFileName({ kind: document, planId, period }, language));
  reply.header('content-language', language);
  return { evaluation, answeredAt, csv: { language, version: csvVersion(askedVersion) } };
}
