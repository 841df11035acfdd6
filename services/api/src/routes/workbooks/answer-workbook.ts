import { attachmentDisposition, documentFileName } from '@semaforo/documents';
import { DomainError, unitWithinScope, type PlanFacts } from '@semaforo/domain';
import { formatLogPosition } from '@semaforo/event-store';
import { HttpProblem } from '@semaforo/http';
import { evaluationFactsAsOf, planFactsAt } from '@semaforo/projection-evaluation-facts';
import { planSheetToCsv, planWorkbook, planWorkbookToXlsx, sheetLayout, XLSX_MEDIA_TYPE } from '@semaforo/spreadsheets';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/authentication.js';
import type { Principal } from '../../auth/principal.js';
import { csvDownload, csvVersion, reportLanguage } from '../shared/representation.js';
import type { WorkbookQuery } from './workbook-query.js';

export const describeWorkbook =
  'Sheets `Perspectivas`, `Unidades`, `Indicadores`, `Metas`, `Resultados` (`lang=en`: `Perspectives`, `Units`, `Indicators`, ' +
  '`Targets`, `Results`), in the one layout the importer reads. `Metas` and `Resultados` have one row per active indicator and ' +
  "period of its periodicity in the plan's year (`2021-M01` … `2021-M12`), with its code, name and unit. XLSX: the header " +
  'row bold and frozen, filters on, enumerated columns offering their words as a list; a decimal is a number where a ' +
  "spreadsheet keeps it exactly, text otherwise (every digit kept, in the language's separator). The same plan at the same " +
  "position gives the same bytes (created and modified: the first day of the plan's fiscal year). CSV: one sheet (`sheet`), " +
  'in the documents CSV format (`csvVersion`). `unit` keeps one unit and the units below it; a reporter gets only its ' +
  'units (403 `OUTSIDE_ASSIGNED_UNITS` for another). `x-log-position` says the position answered at (pass it as `asOf`).';

interface WorkbookRequest {
  readonly params: { readonly planId: string };
  readonly query: WorkbookQuery;
}

/** The units to keep: the one asked for (within a reporter's own), else all of a reporter's, else every unit. */
function unitsToKeep(facts: PlanFacts, principal: Principal, unit: string | undefined): readonly string[] | undefined {
  const units = facts.plan.units;
  if (unit !== undefined && units[unit] === undefined) {
    throw new HttpProblem(404, 'UNIT_NOT_FOUND', `The plan ${facts.plan.planId} has no unit ${unit}.`, { details: { unit } });
  }
  if (principal.role !== 'reporter') return unit === undefined ? undefined : [unit];
  if (unit === undefined) return principal.units;
  if (!unitWithinScope(principal.units, unit, units)) {
    throw new HttpProblem(
      403,
      'OUTSIDE_ASSIGNED_UNITS',
      `The unit ${unit} is not one of this token's units (${principal.units.join(', ')}) nor below one of them.`,
      { details: { unit, units: [...principal.units] } },
    );
  }
  return [unit];
}

/**
 * Both workbook downloads: the plan's facts from the evaluation read model
 * as of `asOf`, kept to the caller's units, written as XLSX or one sheet of
 * CSV, as an attachment named for what it holds.
 */
export async function answerWorkbook(
  app: FastifyInstance,
  request: FastifyRequest & WorkbookRequest,
  reply: FastifyReply,
  kind: 'template' | 'export',
): Promise<FastifyReply> {
  const { planId } = request.params;
  const { asOf, format, sheet, lang, unit, csvVersion: askedVersion } = request.query;
  const db = app.readModels();
  const { schema, position } = await evaluationFactsAsOf(db, asOf);
  const facts = await planFactsAt(db, planId, position, schema);
  if (facts === null) throw new DomainError('PLAN_NOT_FOUND', `There is no plan ${planId} at this position of the log.`, { planId });
  const language = reportLanguage(lang, request.headers['accept-language']);
  const workbook = planWorkbook(facts, { kind, language, withinUnits: unitsToKeep(facts, principalOf(request), unit) });
  reply.header('vary', 'Accept-Language');
  reply.header('x-log-position', formatLogPosition(position));
  reply.header('content-language', language);
  if (format === 'csv' && sheet !== undefined) {
    const name = documentFileName({ kind, planId, unit, sheet: sheetLayout(sheet)[language] }, language);
    return csvDownload(reply, name).send(planSheetToCsv(workbook, sheet, csvVersion(askedVersion)));
  }
  const { fiscalYear, fiscalYearStartMonth } = facts.plan;
  const bytes = await planWorkbookToXlsx(workbook, { date: new Date(Date.UTC(fiscalYear, fiscalYearStartMonth - 1, 1)) });
  return reply
    .type(XLSX_MEDIA_TYPE)
    .header('content-disposition', attachmentDisposition(documentFileName({ kind, planId, unit }, language, 'xlsx')))
    .send(bytes);
}
