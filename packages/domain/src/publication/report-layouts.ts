import { z } from 'zod';

/** `{ html: 'v1', pdf: 'v1', xlsx: 'v1' }`: a layout version by document format, as the documents package names them. */
export const reportLayoutsSchema = z.record(z.string().regex(/^[a-z]{1,16}$/), z.string().regex(/^v[1-9]\d{0,3}$/));
export type ReportLayouts = z.infer<typeof reportLayoutsSchema>;

/** What every edition published before layouts were recorded was rendered with: v1 was the only layout then. */
export const FIRST_REPORT_LAYOUT = 'v1';

/** The layout an edition's document of `format` is rendered with. */
export const editionReportLayout = (edition: { readonly reportLayouts?: ReportLayouts | undefined }, format: string): string =>
  edition.reportLayouts?.[format] ?? FIRST_REPORT_LAYOUT;
