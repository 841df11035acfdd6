import type { ReportModel } from './report-model.js';
import { renderReportHtmlV1 } from './report-html-v1.js';
import { renderReportPdfV1 } from './report-pdf-v1.js';
import { renderReportXlsxV1 } from './report-xlsx.js';
import type { ReportFormat, ReportStamp, ReportVersion } from './report-stamp.js';

type Renderer = (model: ReportModel, stamp: ReportStamp) => Promise<Buffer>;

/**
 * Every layout each renderer has ever had, by the name a document records. Like evaluation
 * methods and CSV versions, a layout never changes once a document was handed out under it:
 * improving the report adds `v2` here beside `v1`, and a copy made under v1 is regenerated
 * under v1, byte for byte (pinned by the golden files of `report-golden.test.ts`). The report
 * model (`build-report.ts`) is part of every layout: a change to what it says is a new layout too.
 */
export const REPORT_LAYOUTS: { readonly [F in ReportFormat]: Readonly<Record<string, Renderer>> } = {
  html: { v1: async (model, stamp) => Buffer.from(renderReportHtmlV1(model, stamp), 'utf8') },
  pdf: { v1: renderReportPdfV1 },
  xlsx: { v1: renderReportXlsxV1 },
};

/** What a new download is rendered with. */
export const LATEST_REPORT_LAYOUT: Readonly<Record<ReportFormat, string>> = { html: 'v1', pdf: 'v1', xlsx: 'v1' };

export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export class UnknownReportLayoutError extends Error {
  override readonly name = 'UnknownReportLayoutError';
  constructor(
    readonly format: ReportFormat,
    readonly layout: string,
  ) {
    super(`There is no ${format} report layout ${JSON.stringify(layout)}; known: ${Object.keys(REPORT_LAYOUTS[format]).join(', ')}.`);
  }
}

export function isReportLayout(format: ReportFormat, layout: string): boolean {
  return Object.hasOwn(REPORT_LAYOUTS[format], layout);
}

export interface RenderOptions {
  readonly format: ReportFormat;
  /** Default: the latest layout of the format. */
  readonly layout?: string | undefined;
  readonly version?: ReportVersion;
}

/** The file: the model laid out by the asked layout, stamped with what it takes to regenerate it. */
export async function renderReport(model: ReportModel, options: RenderOptions): Promise<{ readonly bytes: Buffer; readonly stamp: ReportStamp }> {
  const layout = options.layout ?? LATEST_REPORT_LAYOUT[options.format];
  if (!isReportLayout(options.format, layout)) throw new UnknownReportLayoutError(options.format, layout);
  const stamp: ReportStamp = {
    planId: model.planId,
    period: model.reportingPeriod,
    position: model.position,
    digest: model.digest,
    layout,
    format: options.format,
    language: model.language,
    version: options.version ?? 'internal',
    edition: model.edition,
  };
  return { bytes: await REPORT_LAYOUTS[options.format][layout]!(model, stamp), stamp };
}
