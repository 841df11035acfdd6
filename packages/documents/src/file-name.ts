import type { DocumentSubject } from './document-subject.js';
import { LABELS, type DocumentLanguage } from './labels.js';

/**
 * The name a document is saved under, in its language: `evaluacion-upisss-2021-2021-Q2.csv`,
 * `summary-upisss-2021-2021-Q2.csv`, `historial-metas-IE-DSP-01-upisss-2021.csv`,
 * `auditoria-upisss-2021.csv`, `plantilla-upisss-2021-DSP.xlsx`, `exportacion-upisss-2021-metas.csv`. The reporter writes the names the API offers, so a file is the same
 * whichever way it was had.
 */
export function documentFileName(subject: DocumentSubject, language: DocumentLanguage, extension = 'csv'): string {
  const parts = [LABELS[language].fileName[subject.kind]];
  switch (subject.kind) {
    case 'evaluation':
    case 'summary':
    case 'report':
      parts.push(subject.planId, subject.period);
      break;
    case 'target-history':
    case 'result-history':
      parts.push(subject.code, subject.planId, ...(subject.period === undefined ? [] : [subject.period]));
      break;
    case 'audit':
      parts.push(subject.planId);
      break;
    case 'template':
    case 'export':
      parts.push(subject.planId, ...(subject.unit === undefined ? [] : [subject.unit]), ...(subject.sheet === undefined ? [] : [subject.sheet.toLowerCase()]));
      break;
    case 'edition':
      parts.push(subject.planId, subject.period, String(subject.edition));
      break;
    case 'difference':
      parts.push(subject.planId, subject.period, subject.from, subject.to);
      break;
  }
  return `${parts.join('-')}.${extension}`;
}

/**
 * `Content-Disposition` for a download saved as `fileName`: an ASCII `filename` for every client
 * (accents dropped, anything else outside `[A-Za-z0-9._-]` turned into `-`) and the exact name as
 * RFC 5987's `filename*` (UTF-8, percent-encoded) for those that read it.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]/g, '-');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

// encodeURIComponent leaves ' ( ) * unescaped; RFC 5987's attr-char does not allow them.
const rfc5987 = (text: string): string => encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
