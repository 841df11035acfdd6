import { renderEvaluationReport, type DocumentLanguage, type RenderedReport, type ReportFormat, type ReportVersion } from '@semaforo/documents';
import { DomainError, editionReportLayout, type Edition } from '@semaforo/domain';
import { formatLogPosition } from '@semaforo/event-store';
import { reportFactsAsOf } from '@semaforo/projection-evaluation-facts';
import type { AnyKysely } from '@semaforo/sql';

export interface ReportRequest {
  readonly planId: string;
  readonly period: string;
  /** A position (exact), an instant, or undefined for the latest projected position. */
  readonly asOf?: string | undefined;
  readonly format: ReportFormat;
  readonly language: DocumentLanguage;
  readonly layout?: string | undefined;
  readonly version?: ReportVersion;
  /** The edition published at `asOf` (then an exact position): the seam editions render through. */
  readonly edition?: number | null;
}

/**
 * The report as the read model knows it at the asked position: what the API's download route sends, its
 * verification regenerates and `pnpm report render` writes, so the three give the same bytes for the same request.
 */
export async function renderReportAt(db: AnyKysely, request: ReportRequest): Promise<RenderedReport & { readonly digest: string }> {
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
 * An edition's document: the report at the edition's own position, with its number on the cover, laid out
 * with the layout the edition recorded for the format (v1 for editions published before layouts were
 * recorded), so neither later appends nor a newer default layout ever change it.
 */
export async function renderEditionReport(
  db: AnyKysely,
  planId: string,
  edition: Edition,
  request: { readonly format: ReportFormat; readonly language: DocumentLanguage; readonly version?: ReportVersion },
): Promise<RenderedReport & { readonly digest: string }> {
  const report = await renderReportAt(db, {
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
