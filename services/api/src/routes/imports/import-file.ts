import { randomUUID } from 'node:crypto';
import { HttpProblem, problemResponses } from '@semaforo/http';
import { countImportRows, runImport, type ImportActor, type ImportFormat, type ImportOptions } from '@semaforo/importer';
import { XLSX_MEDIA_TYPE } from '@semaforo/spreadsheets';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planParamsSchema, planPath } from '../shared/plan-params.js';
import { reportLanguage } from '../shared/representation.js';
import { importJobSchema, importQuerySchema, importSummarySchema } from './import-schemas.js';

/** A plan's whole workbook, with room to spare; what is larger is 413 with this limit, before it is read. */
export const IMPORT_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

/** Files with more data rows than this run as a job (202): a request stays short, and the job survives a restart. */
export const IMPORT_JOB_ROWS = 2_000;

const FORMATS: Readonly<Record<string, ImportFormat>> = { 'text/csv': 'csv', [XLSX_MEDIA_TYPE]: 'xlsx' };

/**
 * POST a CSV (one sheet) or an XLSX workbook (the template's sheets) into a
 * plan. Every row goes through the deciders of the write path, as the REST
 * routes do. Small files answer the summary; large ones become a job.
 */
export const importFile: FastifyPluginAsyncZod = async (app) => {
  // Bodies of these types arrive as bytes: the readers decode them (UTF-8, Windows-1252, zip).
  app.addContentTypeParser(Object.keys(FORMATS), { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));

  app.post(
    '/v1/plans/:planId/imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      // Said before a byte is read, with the limit, when the client declares its size.
      preParsing: async (request, _reply, payload) => {
        const length = Number(request.headers['content-length']);
        if (Number.isFinite(length) && length > IMPORT_BODY_LIMIT_BYTES) {
          throw new HttpProblem(
            413,
            'IMPORT_TOO_LARGE',
            `The file is ${length} bytes; an import takes at most ${IMPORT_BODY_LIMIT_BYTES}. Split it into several files (by sheet, or by unit).`,
            {
              details: { limitBytes: IMPORT_BODY_LIMIT_BYTES, sizeBytes: length },
            },
          );
        }
        return payload;
      },
      schema: {
        summary: 'Import a CSV or an XLSX workbook into a plan',
        description:
          `The file is the body: \`text/csv\` (one sheet, recognised by its headers) or \`${XLSX_MEDIA_TYPE}\` (sheets \`Unidades\`, \`Indicadores\`, \`Metas\`, \`Resultados\`, Spanish or English headers). ` +
          'Every row is decided by the same domain rules as the REST routes. The answer is the import summary: counts `created`, `updated`, `ignored` (the same value again), `refused`, and the conflicts with sheet, row, column, cell, `code` and a message, grouped. ' +
          `A file with any conflict appends nothing (422 \`IMPORT_HAS_CONFLICTS\`, the summary in \`details.summary\`) unless \`atomic=false\`. A file of more than ${IMPORT_JOB_ROWS} rows runs as a job: 202 with \`Location\`. ` +
          'Each event id derives from the file digest and its row: the same file again appends nothing.',
        tags: ['imports'],
        params: planParamsSchema,
        querystring: importQuerySchema,
        response: {
          200: importSummarySchema,
          202: importJobSchema.describe('Running as a job: `GET` the `Location` for its progress, then its summary.'),
          ...problemResponses(400, 404, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      const query = request.query;
      const format = FORMATS[(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()];
      if (format === undefined || !Buffer.isBuffer(request.body)) {
        throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the file as \`text/csv\` or \`${XLSX_MEDIA_TYPE}\`.`);
      }
      const bytes = request.body;
      const principal = request.principal!;
      const actor: ImportActor = { id: principal.tokenId, role: principal.role, units: principal.units };
      const options: ImportOptions = {
        planId,
        dryRun: query.dryRun,
        strategy: query.strategy,
        atomic: query.atomic,
        locale: query.locale,
        rollOver: query.rollOver,
        language: reportLanguage(query.lang, request.headers['accept-language']),
        ...(query.reason === undefined ? {} : { reason: query.reason }),
      };
      const recordedAt = app.commandMetadata(request).recordedAt;

      if ((await countImportRows(bytes, format)) > IMPORT_JOB_ROWS) {
        const jobId = randomUUID();
        await app.importJobs.submit({ jobId, format, options, actor, requestId: request.id, recordedAt, bytes });
        const view = (await app.importJobStore.get(jobId))!;
        return reply
          .code(202)
          .header('location', `${planPath(planId)}/imports/${jobId}`)
          .send(view);
      }

      const summary = await runImport({ writeSide: app.writeSide, store: app.store }, { bytes, format, options, actor, requestId: request.id, recordedAt });
      if (summary.status === 'refused') {
        throw new HttpProblem(
          422,
          'IMPORT_HAS_CONFLICTS',
          options.language === 'es'
            ? `El archivo tiene ${summary.conflictCount} conflictos: no se importó nada. Corríjalos, o importe con atomic=false para aplicar las filas sin conflictos.`
            : `The file has ${summary.conflictCount} conflicts: nothing was imported. Fix them, or import with atomic=false to apply the rows without conflicts.`,
          { details: { summary }, params: { conflicts: summary.conflictCount, language: options.language } },
        );
      }
      return reply.code(200).send(summary);
    },
  );
};
