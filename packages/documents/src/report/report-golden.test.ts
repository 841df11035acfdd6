import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import t from 'tap';
import { REPORT_LAYOUTS, renderReport } from './report-layouts.js';
import { reportPlanModel } from './report-plan.fixture.js';
import { readReportStamp } from './report-stamp.js';
import { reservedPlanModel } from './reserved-plan.fixture.js';

/*
 * Each layout's bytes for the small hand-made plan, pinned: a layout never changes once a document
 * was handed out under it, so these files are never regenerated. A new layout writes its own
 * (REPORT_GOLDEN_WRITE=1 writes only files that do not exist yet), and this test then pins it.
 */
const golden = (layout: string, language: string, format: string) => new URL(`golden/report-${layout}.${language}.${format}`, import.meta.url);

for (const format of ['html', 'pdf', 'xlsx'] as const) {
  for (const layout of Object.keys(REPORT_LAYOUTS[format])) {
    for (const language of ['es', 'en'] as const) {
      t.test(`${format} layout ${layout}, ${language}: the golden file's bytes`, async (t) => {
        const { bytes, stamp } = await renderReport(reportPlanModel(language), { format, layout });
        const file = golden(layout, language, format);
        if (!existsSync(file) && process.env.REPORT_GOLDEN_WRITE === '1') writeFileSync(file, bytes);
        const expected = readFileSync(file);
        t.ok(bytes.equals(expected), `same bytes as ${file.pathname.split('/').pop()!} (${bytes.length} vs ${expected.length})`);
        t.same(readReportStamp(expected), stamp, 'the file says how to regenerate it');
        if (format === 'html') {
          const html = bytes.toString('utf8');
          t.notMatch(html, /\b(?:src|href)=|url\(|@import|<script|<link/, 'self-contained: nothing is fetched');
          t.same([...new Set(html.match(/https?:\/\/[^"' ]+/g))], ['http://www.w3.org/2000/svg'], 'the only address is the SVG namespace');
        }
      });
    }
  }
}

// The public version of a plan with reserved texts, pinned the same way (`report-v1.public.es.pdf`, …).
for (const format of ['html', 'pdf', 'xlsx'] as const) {
  for (const layout of Object.keys(REPORT_LAYOUTS[format])) {
    for (const language of ['es', 'en'] as const) {
      t.test(`${format} layout ${layout}, ${language}, public version: the golden file's bytes`, async (t) => {
        const { bytes, stamp } = await renderReport(reservedPlanModel(language, 'public'), { format, layout, version: 'public' });
        const file = golden(`${layout}.public`, language, format);
        if (!existsSync(file) && process.env.REPORT_GOLDEN_WRITE === '1') writeFileSync(file, bytes);
        const expected = readFileSync(file);
        t.ok(bytes.equals(expected), `same bytes as ${file.pathname.split('/').pop()!} (${bytes.length} vs ${expected.length})`);
        t.same(readReportStamp(expected), stamp, 'the file says how to regenerate it');
      });
    }
  }
}
