import { documentFileName } from '../file-name.js';
import { buildReport, type ReportInput } from './build-report.js';
import { REPORT_CONTENT_TYPES, renderReport, type RenderOptions } from './report-layouts.js';
import type { ReportStamp } from './report-stamp.js';

export interface RenderedReport {
  readonly bytes: Buffer;
  readonly stamp: ReportStamp;
  readonly contentType: string;
  /** `informe-<plan>-<period>.<format>` (`report-…` in English; `…-<period>-e<n>.<format>` for an edition). */
  readonly fileName: string;
}

/**
 * An evaluation report from what the read side knows at a position: the one call the API, the
 * reporter and the verification make, so each gives the same bytes for the same request.
 */
export async function renderEvaluationReport(input: ReportInput, options: RenderOptions): Promise<RenderedReport> {
  // The version decides what the model holds: the public one never has a reserved text to lay out.
  const model = buildReport(options.version === undefined ? input : { ...input, version: options.version });
  const { bytes, stamp } = await renderReport(model, options);
  return {
    bytes,
    stamp,
    contentType: REPORT_CONTENT_TYPES[options.format],
    // An edition's document is named as its difference CSVs name it: `…-2023-Q2-e1`.
    fileName: documentFileName(
      { kind: 'report', planId: model.planId, period: model.edition === null ? model.reportingPeriod : `${model.reportingPeriod}-e${model.edition}` },
      model.language,
      options.format,
    ),
  };
}
