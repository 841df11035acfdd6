import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderEvaluationReport, type DocumentLanguage, type RenderedReport, type ReportFormat } from '@semaforo/documents';
import { evaluatePlan, evaluationDigest, type Evaluation, type PlanFacts } from '@semaforo/domain';
import { reportPlanFacts } from '@semaforo/documents/testing';
import { benchPlanAt } from './bench-plan.js';

export interface Sample {
  readonly name: string;
  readonly facts: PlanFacts;
  readonly evaluation: Evaluation;
  readonly render: (format: ReportFormat, language: DocumentLanguage) => Promise<RenderedReport>;
}

function sample(name: string, facts: PlanFacts, period: string, position: string, datedAt: string): Sample {
  const evaluation = evaluatePlan(facts, period);
  const digest = evaluationDigest(evaluation);
  return {
    name,
    facts,
    evaluation,
    render: (format, language) => renderEvaluationReport({ evaluation, facts, position, digest, datedAt, language }, { format }),
  };
}

/** The small hand-made plan of the golden files (a 500-character indicator name, a 300-character unit name). */
export const smallPlan = (): Sample => sample('small plan', reportPlanFacts(), '2023-Q2', '812:3', '2023-07-05T14:30:00.000Z');

/** The bench's 1,000-indicator plan, its Q2 evaluation as the log stood in mid-August. */
export const BENCH_UNTIL = '2021-08-15T00:00:00.000Z';
export const benchPlan = (): Sample => sample('1,000-indicator plan', benchPlanAt(BENCH_UNTIL).facts, '2021-Q2', '48213:1', BENCH_UNTIL);

/** Runs a poppler tool on a PDF written to a scratch folder; returns what it printed. */
export function withPdf<T>(pdf: Buffer, use: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'semaforo-report-'));
  try {
    const path = join(dir, 'report.pdf');
    writeFileSync(path, pdf);
    return use(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text in drawing order (`pdftotext -raw`): a table row reads code, name, periodicity, figures, status. */
export const pdfText = (pdf: Buffer): string =>
  withPdf(pdf, (path) => execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8'));

/** The HTML's text as a reader sees it, styles and charts left out. */
export function htmlText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<span aria-hidden="true">[^<]*<\/span>/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Pages as 8-bit grey pixels (`pdftoppm -gray`, PGM), to look at them as a reader would. */
export function pdfPages(pdf: Buffer, dpi: number, lastPage: number): { width: number; height: number; pixels: Uint8Array }[] {
  return withPdf(pdf, (path, dir) => {
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', String(lastPage), path, join(dir, 'page')]);
    // pdftoppm pads page numbers to the width of the last one: page-1.pgm, page-01.pgm…
    const files = readdirSync(dir)
      .filter((file) => file.endsWith('.pgm'))
      .sort();
    const pages = files.map((file) => parsePgm(readFileSync(join(dir, file))));
    return pages;
  });
}

function parsePgm(file: Buffer): { width: number; height: number; pixels: Uint8Array } {
  // "P5\n<width> <height>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(file.subarray(0, 64).toString('latin1'));
  if (header === null) throw new Error('not a PGM file');
  const [whole, width, height] = header as unknown as [string, string, string];
  return { width: Number(width), height: Number(height), pixels: file.subarray(whole.length) };
}

export const squeeze = (text: string): string => text.replace(/\s+/g, '');
export const oneSpaced = (text: string): string => text.replace(/\s+/g, ' ');
