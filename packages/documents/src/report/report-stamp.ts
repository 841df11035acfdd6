import type { DocumentLanguage } from '../labels.js';

export const REPORT_FORMATS = ['html', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * What a document shows: `internal`, the whole report (reserved texts included, marked), for the
 * institution and its auditors; `public`, every reserved text omitted and marked so, with the legal
 * notice (LAIP arts. 24 and 30, LOTAIP art. 7).
 */
export const REPORT_VERSIONS = ['internal', 'public'] as const;
export type ReportVersion = (typeof REPORT_VERSIONS)[number];

/**
 * What a report file says about itself, enough to regenerate it: printed in the HTML's
 * `<meta name="semaforo-report">` and in the PDF's document information (`SemaforoReport`), and
 * in words in every footer. Plain ASCII, so it reads the same from the file's raw bytes.
 */
export interface ReportStamp {
  readonly planId: string;
  readonly period: string;
  readonly position: string;
  readonly digest: string;
  readonly layout: string;
  readonly format: ReportFormat;
  readonly language: DocumentLanguage;
  readonly version: ReportVersion;
  readonly edition: number | null;
}

const PREFIX = 'semaforo-report/1';
const KEYS = ['plan', 'period', 'position', 'digest', 'layout', 'format', 'lang', 'version', 'edition'] as const;

export function writeReportStamp(stamp: ReportStamp): string {
  const fields = [
    `plan=${stamp.planId}`,
    `period=${stamp.period}`,
    `position=${stamp.position}`,
    `digest=${stamp.digest}`,
    `layout=${stamp.layout}`,
    `format=${stamp.format}`,
    `lang=${stamp.language}`,
    `version=${stamp.version}`,
    ...(stamp.edition === null ? [] : [`edition=${stamp.edition}`]),
  ];
  return [PREFIX, ...fields].join(';');
}

const STAMP = /semaforo-report\/1((?:;[a-z]+=[A-Za-z0-9:._-]+)+)/;

/**
 * The stamp found in a file's bytes, or null when there is none (not one of our reports, or one
 * whose stamp was edited into something this code never writes).
 */
export function readReportStamp(bytes: Uint8Array): ReportStamp | null {
  const match = STAMP.exec(Buffer.from(bytes).toString('latin1'));
  if (match === null) return null;
  const fields = new Map<string, string>();
  for (const field of match[1]!.slice(1).split(';')) {
    const at = field.indexOf('=');
    fields.set(field.slice(0, at), field.slice(at + 1));
  }
  if ([...fields.keys()].some((key) => !(KEYS as readonly string[]).includes(key))) return null;
  const get = (key: (typeof KEYS)[number]) => fields.get(key);
  const [planId, period, position, digest, layout, format, language, version] = [
    get('plan'),
    get('period'),
    get('position'),
    get('digest'),
    get('layout'),
    get('format'),
    get('lang'),
    get('version'),
  ];
  if (planId === undefined || period === undefined || position === undefined || digest === undefined || layout === undefined) return null;
  if (!(REPORT_FORMATS as readonly string[]).includes(format ?? '')) return null;
  if (language !== 'es' && language !== 'en') return null;
  if (!(REPORT_VERSIONS as readonly string[]).includes(version ?? '')) return null;
  const editionText = get('edition');
  const edition = editionText === undefined ? null : /^[1-9]\d{0,8}$/.test(editionText) ? Number(editionText) : Number.NaN;
  if (Number.isNaN(edition)) return null;
  return { planId, period, position, digest, layout, format: format as ReportFormat, language, version: version as ReportVersion, edition };
}
