import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import t from 'tap';
import { LONG_INDICATOR_NAME, LONG_UNIT_NAME } from '@semaforo/documents/testing';
import { benchPlan, pdfPages, pdfText, smallPlan } from './report-samples.js';

/*
 * The pages looked at as a person would: the PDF's pages as pixels (poppler's pdftoppm), the HTML
 * laid out by Debian's Chromium (through playwright-core; npm never downloads a browser). Nothing
 * may run past the page's width, and the longest names the domain accepts must wrap.
 */

// page.evaluate's callback runs in the browser: the few members of the DOM it reads (this project has no DOM types).
interface Element {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly textContent: string | null;
  getBoundingClientRect(): { readonly right: number; readonly height: number };
}
declare const document: { readonly documentElement: Element; readonly body: Element; querySelectorAll(selector: string): Iterable<Element> };
declare function getComputedStyle(element: Element): { readonly lineHeight: string };

const CHROMIUM = '/usr/bin/chromium';
const DPI = 40;
// The PDF's side margins are 40 pt; anything drawn within 30 pt of the paper's edge overflowed.
const EDGE = Math.floor((30 / 72) * DPI);

function inkAtTheEdges(page: { width: number; height: number; pixels: Uint8Array }): number {
  let ink = 0;
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < EDGE; x++) if (page.pixels[y * page.width + x]! < 250) ink++;
    for (let x = page.width - EDGE; x < page.width; x++) if (page.pixels[y * page.width + x]! < 250) ink++;
  }
  return ink;
}

t.test('PDF: no page has ink in its side margins, and the longest names wrap', async (t) => {
  const small = (await smallPlan().render('pdf', 'es')).bytes;
  const pages = pdfPages(small, DPI, 99);
  t.ok(pages.length >= 3, `${pages.length} pages`);
  for (const [i, page] of pages.entries()) t.equal(inkAtTheEdges(page), 0, `small plan, page ${i + 1}: nothing beyond the margins`);
  t.ok(
    pages.some((page) => page.pixels.some((pixel) => pixel < 128)),
    'the pages do have ink (the check can fail)',
  );

  const lines = pdfText(small).split('\n');
  const nameLines = lines.filter((line) => line.length > 0 && LONG_INDICATOR_NAME.includes(line.trim()));
  t.ok(nameLines.length >= 8, `the 500-character name is written on ${nameLines.length} lines of its column`);
  t.ok(
    lines.every((line) => line.length < 200),
    'no line of text runs across the page',
  );
  const unitLines = lines.filter((line) => line.trim().length > 20 && LONG_UNIT_NAME.includes(line.trim().replace(/^(Unidad: |Unidades responsables: )/, '')));
  t.ok(unitLines.length >= 2, `the 300-character unit name wraps (${unitLines.length} lines)`);

  const big = (await benchPlan().render('pdf', 'en')).bytes;
  const bigPages = pdfPages(big, DPI, 12);
  for (const [i, page] of bigPages.entries()) t.equal(inkAtTheEdges(page), 0, `1,000-indicator plan, page ${i + 1}: nothing beyond the margins`);
});

t.test('HTML in Chromium: every table fits the page, the longest names wrap', { skip: existsSync(CHROMIUM) ? false : `no ${CHROMIUM}` }, async (t) => {
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  } catch (error) {
    // CI installs the browser (infra/install-test-packages.sh); where it cannot start, say so loudly.
    if (process.env.CI === 'true') throw error;
    t.comment(`Chromium did not start: ${String(error)}`);
    return;
  }
  t.teardown(() => browser.close());
  // A4 at 96 px per inch, less the print margins of 12 mm on each side.
  const page = await browser.newPage({ viewport: { width: 703, height: 1000 } });
  await page.emulateMedia({ media: 'print' });
  for (const [name, sample] of [
    ['small plan', smallPlan()],
    ['1,000-indicator plan', benchPlan()],
  ] as const) {
    const html = (await sample.render('html', 'es')).bytes.toString('utf8');
    await page.setContent(html, { waitUntil: 'load' });
    const layout = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const tables = [...document.querySelectorAll('table')];
      return {
        width,
        scrollWidth: document.documentElement.scrollWidth,
        tables: tables.length,
        overflowing: tables.filter((table) => table.getBoundingClientRect().right > width + 0.5 || table.scrollWidth > table.clientWidth + 1).length,
        svgs: [...document.querySelectorAll('svg')].filter((svg) => svg.getBoundingClientRect().right > width + 0.5).length,
        cells: [...document.querySelectorAll('td')].map((td) => ({
          text: td.textContent ?? '',
          height: td.getBoundingClientRect().height,
          right: td.getBoundingClientRect().right,
        })),
        headings: [...document.querySelectorAll('h4')].map((h) => ({ text: h.textContent ?? '', height: h.getBoundingClientRect().height })),
        lineHeight: parseFloat(getComputedStyle(document.body).lineHeight),
      };
    });
    t.ok(layout.tables > 5, `${name}: ${layout.tables} tables`);
    t.equal(layout.overflowing, 0, `${name}: no table is wider than the page`);
    t.equal(layout.svgs, 0, `${name}: no chart is wider than the page`);
    t.ok(layout.scrollWidth <= layout.width, `${name}: the page does not scroll sideways (${layout.scrollWidth} ≤ ${layout.width})`);
    if (sample.evaluation.indicators.some((row) => row.name === LONG_INDICATOR_NAME)) {
      const cell = layout.cells.find((c) => c.text === LONG_INDICATOR_NAME);
      t.ok(cell !== undefined && cell.height > 8 * layout.lineHeight, `the 500-character name wraps (${cell?.height ?? 0} px tall)`);
      const heading = layout.headings.find((h) => h.text.includes(LONG_UNIT_NAME));
      t.ok(heading !== undefined && heading.height > 2 * layout.lineHeight, `the 300-character unit name wraps (${heading?.height ?? 0} px tall)`);
    }
  }
});
