import { documentFileName, type CsvVersion, type DocumentLanguage } from '@semaforo/documents';
import { problemResponses } from '@semaforo/http';
import type { HistoryOptions, ReadPoint } from '@semaforo/projection-audit-trail';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AnyKysely } from '@semaforo/sql';
import { POSITION_HEADER, auditReadPoint } from '../shared/read-point.js';
import { csvDownload, csvVersion, reportLanguage, wantsCsv } from '../shared/representation.js';
import { requireIndicatorAt } from '../shared/require-indicator.js';
import { CSV_DESCRIPTION, historyQuerySchema, indicatorParamsSchema } from './history-schemas.js';

/** The JSON answer of a history, whatever its entries. */
export interface HistoryAnswer<Entry> {
  readonly position: string;
  readonly asOf?: string | undefined;
  readonly planId: string;
  readonly code: string;
  readonly entries: readonly Entry[];
}

/** What sets one indicator history apart from another: its URL, its words, its query and its CSV. */
export interface HistoryRoute<Entry> {
  readonly url: string;
  /** What its CSV is named after. */
  readonly document: 'target-history' | 'result-history';
  readonly summary: string;
  readonly description: string;
  /** The JSON answer's schema (see `historyAnswer`). */
  readonly answerSchema: z.ZodType<HistoryAnswer<Entry>>;
  readonly entries: (db: AnyKysely, at: ReadPoint, planId: string, code: string, options: HistoryOptions) => Promise<Entry[]>;
  readonly toCsv: (entries: readonly Entry[], language: DocumentLanguage, version: CsvVersion) => string;
}

/**
 * An indicator history route: as of `asOf`, 404 unless the indicator existed
 * then, answered as JSON or CSV with the position it is as of.
 */
export const historyRoute =
  <Entry>(route: HistoryRoute<Entry>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      route.url,
      {
        schema: {
          summary: route.summary,
          description: route.description,
          tags: ['history'],
          params: indicatorParamsSchema,
          querystring: historyQuerySchema,
          response: {
            200: {
              description: 'The history, as of the echoed `position`.',
              content: { 'application/json': { schema: route.answerSchema }, 'text/csv': { schema: z.string().describe(CSV_DESCRIPTION) } },
            },
            ...problemResponses(400, 404, 409, 503),
          },
        },
      },
      async (request, reply) => {
        const { planId, code } = request.params;
        const { asOf, period, format, lang, csvVersion: askedVersion } = request.query;
        const db = await app.readModelsFor(request, asOf);
        const at = await auditReadPoint(db, asOf);
        await requireIndicatorAt(db, at, planId, code);
        const entries = await route.entries(db, at, planId, code, period === undefined ? {} : { period });

        reply.header(POSITION_HEADER, at.position);
        if (wantsCsv(format, request.headers.accept)) {
          const language = reportLanguage(lang, request.headers['accept-language']);
          return csvDownload(reply, documentFileName({ kind: route.document, planId, code, period }, language)).send(
            route.toCsv(entries, language, csvVersion(askedVersion)),
          );
        }
        return reply.type('application/json').send({ position: at.position, ...(asOf === undefined ? {} : { asOf }), planId, code, entries });
      },
    );
  };
