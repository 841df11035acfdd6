import { renderEvaluationReport, type DocumentLanguage, type RenderedReport, type ReportFormat, type ReportVersion } from '@semaforo/documents';
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

/** The report as the read model knows it at the asked position: what the download route sends and the verification regenerates. */
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
