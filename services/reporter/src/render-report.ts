import { renderEvaluationReport, type DocumentLanguage, type RenderedReport, type ReportFormat, type ReportVersion } from '@semaforo/documents';
import { DomainError, editionReportLayout, evaluationPublishedSchema, publicationStreamName, type Edition } from '@semaforo/domain';
import { formatLogPosition, type EventStore } from '@semaforo/event-store';
import { reportFactsAsOf } from '@semaforo/projection-evaluation-facts';
import type { AnyKysely } from '@semaforo/sql';

export interface RenderReportRequest {
  readonly planId: string;
  readonly period: string;
  readonly asOf?: string | undefined;
  readonly format: ReportFormat;
  readonly language: DocumentLanguage;
  readonly layout?: string | undefined;
  readonly version?: ReportVersion;
  readonly edition?: number | null;
}

/**
 * The evaluation report at a position, from the read model: the same two calls the API's report
 * route makes (`reportFactsAsOf`, then `renderEvaluationReport`), so a file rendered here is the
 * file the API sends for the same request, byte for byte.
 */
export async function renderReport(db: AnyKysely, request: RenderReportRequest): Promise<RenderedReport & { readonly digest: string }> {
  const at = await reportFactsAsOf(db, request);
  const rendered = await renderEvaluationReport(
    {
      evaluation: at.evaluation,
      facts: at.facts,
      position: formatLogPosition(at.position),
      digest: at.digest,
      datedAt: at.datedAt,
      edition: request.edition ?? null,
      language: request.language,
    },
    { format: request.format, layout: request.layout, ...(request.version === undefined ? {} : { version: request.version }) },
  );
  return { ...rendered, digest: at.digest };
}

/**
 * Edition `n` of a period as the log recorded it (the period's publication stream): the reporter reads
 * editions from the log, as the API does, never from a read model.
 */
export async function readEdition(store: EventStore, planId: string, period: string, n: number): Promise<Edition> {
  const stream = await store.readStream(publicationStreamName(planId, period));
  const editions = stream.events
    .filter((event) => event.type === 'EvaluationPublished')
    .map((event) => evaluationPublishedSchema.parse({ type: event.type, data: event.data }).data);
  const edition = editions[n - 1];
  if (edition === undefined) {
    throw new DomainError(
      'EDITION_NOT_FOUND',
      editions.length === 0 ? `${period} of ${planId} has not been published.` : `${period} of ${planId} has editions 1 to ${editions.length}, not ${n}.`,
      { planId, period, edition: n, editions: editions.length },
    );
  }
  return edition;
}

/**
 * An edition's document, as the API's `…/editions/{n}/report` renders it: at the edition's position, with its
 * number, laid out with the layout the edition recorded (v1 when it recorded none), its digest checked.
 */
export async function renderEditionReport(
  db: AnyKysely,
  planId: string,
  edition: Edition,
  request: { readonly format: ReportFormat; readonly language: DocumentLanguage; readonly version?: ReportVersion },
): Promise<RenderedReport & { readonly digest: string }> {
  const report = await renderReport(db, {
    planId,
    period: edition.period,
    asOf: edition.position,
    format: request.format,
    language: request.language,
    layout: editionReportLayout(edition, request.format),
    ...(request.version === undefined ? {} : { version: request.version }),
    edition: edition.edition,
  });
  if (report.digest !== edition.digest) {
    throw new DomainError(
      'EDITION_CONTENT_MISMATCH',
      `The evaluation regenerated at ${edition.position} does not match the digest edition ${edition.edition} recorded; the read model needs checking (pnpm report verify).`,
      { planId, period: edition.period, edition: edition.edition, position: edition.position, digest: edition.digest },
    );
  }
  return report;
}
