import { renderEvaluationReport, type DocumentLanguage, type RenderedReport, type ReportFormat, type ReportVersion } from '@semaforo/documents';
import { formatLogPosition } from '@semaforo/event-store';
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
