import { auditEntriesToCsv, documentFileName } from '@semaforo/documents';
import { planIdSchema } from '@semaforo/domain';
import { HttpProblem, problemResponses } from '@semaforo/http';
import { auditPage, unitSubtreeAt, type AuditFilter } from '@semaforo/projection-audit-trail';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { POSITION_HEADER, auditReadPoint } from '../shared/read-point.js';
import { csvDownload, csvVersion, reportLanguage, wantsCsv } from '../shared/representation.js';
import { requireIndicatorAt, requirePlanAt } from '../shared/require-indicator.js';
import { principalOf } from '../../plugins/authentication.js';
import { actorNames } from './actor-names.js';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.js';
import { auditQuerySchema, auditTrailSchema } from './audit-schemas.js';

const paramsSchema = z.object({ planId: planIdSchema.describe('`<institution>-<fiscal year>`, e.g. `upisss-2021`.') });

export const getAuditTrail: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/plans/:planId/audit',
    {
      schema: {
        summary: 'Audit trail of a plan',
        description:
          'Every change made to the plan and its indicators, oldest first: who, what (each field before → after), when, from ' +
          'where and why (the actor named beside its token id). Filter by unit (with every unit below it), indicator, actor (a token id, or the name of the person holding it) and recorded time; page with `cursor`. ' +
          'The CSV has one row per changed field.',
        tags: ['history'],
        params: paramsSchema,
        querystring: auditQuerySchema,
        response: {
          200: {
            description: 'A page of the trail, as of the echoed `position`. `Link: <…>; rel="next"` when more follow.',
            content: {
              'application/json': { schema: auditTrailSchema },
              'text/csv': {
                schema: z
                  .string()
                  .describe(
                    'The page as CSV (RFC 4180, UTF-8, CRLF; format `csvVersion`), one row per changed field, as an attachment ' + '(`Content-Disposition`).',
                  ),
              },
            },
          },
          ...problemResponses(400, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const { asOf, cursor, unit, indicator, actor, from, to, limit, format, lang, csvVersion: askedVersion } = request.query;
      if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) {
        throw new HttpProblem(400, 'INVALID_TIME_RANGE', '`from` must not be after `to`.', { details: { from, to } });
      }
      const resumed = cursor === undefined ? undefined : decodeAuditCursor(cursor);
      // Both a cursor and an asOf: two positions to check, and an answer that is an error either way; the primary has both.
      const db = resumed !== undefined && asOf !== undefined ? app.readModels() : await app.readModelsFor(request, resumed?.position ?? asOf);
      const at = await auditReadPoint(db, resumed?.position ?? asOf);
      if (resumed !== undefined && asOf !== undefined) {
        // The cursor fixes the position; an asOf that says otherwise is a client mixing two walks.
        const asked = await auditReadPoint(db, asOf);
        if (asked.position !== at.position) {
          throw new HttpProblem(
            400,
            'CURSOR_AS_OF_MISMATCH',
            `The cursor continues a walk at position ${at.position}; asOf resolves to ${asked.position}. Drop one.`,
            { params: { cursorPosition: at.position, asOfPosition: asked.position } },
          );
        }
      }
      await requirePlanAt(db, at, planId);
      if (indicator !== undefined) await requireIndicatorAt(db, at, planId, indicator);
      let units: string[] | undefined;
      if (unit !== undefined) {
        const subtree = await unitSubtreeAt(db, at, planId, unit);
        if (subtree === null) {
          throw new HttpProblem(404, 'UNIT_NOT_FOUND', `The plan ${planId} has no unit ${unit} at position ${at.position}.`, {
            details: { planId, unit, position: at.position },
          });
        }
        units = subtree;
      }
      const people = await actorNames(app, principalOf(request).institutionId);
      const filter: AuditFilter = {
        ...(units === undefined ? {} : { units }),
        ...(indicator === undefined ? {} : { indicator }),
        ...(actor === undefined ? {} : { actors: people.idsFor(actor) }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      };
      const page = await auditPage(db, at, planId, filter, { limit, ...(resumed === undefined ? {} : { afterKey: resumed.afterKey }) });
      const nextCursor = page.lastKey === null ? null : encodeAuditCursor({ position: at.position, afterKey: page.lastKey });

      reply.header(POSITION_HEADER, at.position);
      if (nextCursor !== null) reply.header('link', `<${nextPageUrl(request.url, nextCursor)}>; rel="next"`);
      if (wantsCsv(format, request.headers.accept)) {
        const language = reportLanguage(lang, request.headers['accept-language']);
        const csv = auditEntriesToCsv(page.entries, language, csvVersion(askedVersion));
        return csvDownload(reply, documentFileName({ kind: 'audit', planId }, language)).send(csv);
      }
      return reply.type('application/json').send({
        position: at.position,
        ...(asOf === undefined ? {} : { asOf }),
        planId,
        order: 'oldest-first' as const,
        entries: page.entries.map((entry) => ({ ...entry, actor: { ...entry.actor, name: people.nameOf(entry.actor.id) } })),
        nextCursor,
      });
    },
  );
};

/** The same request with the next cursor: the cursor carries the position, so `asOf` is dropped. */
function nextPageUrl(url: string, cursor: string): string {
  const next = new URL(url, 'http://localhost');
  next.searchParams.delete('asOf');
  next.searchParams.set('cursor', cursor);
  return `${next.pathname}${next.search}`;
}
