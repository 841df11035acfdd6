import type { ReportCharts } from './report-model.js';

/*
 * The report's two charts as inline SVG, written by hand rather than by a charting library: two
 * simple figures, fully determined by their numbers (coordinates rounded to two decimals, no ids,
 * no clock), so the bytes of an HTML report depend only on its model. Every bar carries its count
 * and every legend entry its word, so the charts read in black and white too.
 */

const FONT = 'font-family="Roboto, Helvetica, Arial, sans-serif"';
const n = (value: number): string => String(Math.round(value * 100) / 100);

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Bars per perspective, one per status, with the count above each bar and a legend of words. */
export function countsChartSvg(chart: ReportCharts['countsByPerspective']): string {
  const width = 640;
  const plotTop = 40;
  const plotHeight = 180;
  const left = 40;
  const labelHeight = 56;
  const height = plotTop + plotHeight + labelHeight;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  const groups = Math.max(1, chart.categories.length);
  const groupWidth = (width - left - 10) / groups;
  const barWidth = Math.min(40, (groupWidth * 0.8) / chart.series.length);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeXml(chart.title)}" ${FONT} font-size="11">`,
    `<title>${escapeXml(chart.title)}</title>`,
  );
  chart.series.forEach((series, i) => {
    const x = left + i * 150;
    parts.push(
      `<rect x="${n(x)}" y="6" width="12" height="12" fill="${series.status.color}"/>`,
      `<text x="${n(x + 16)}" y="16">${escapeXml(series.status.word)}</text>`,
    );
  });
  parts.push(`<line x1="${left}" y1="${plotTop + plotHeight}" x2="${width - 10}" y2="${plotTop + plotHeight}" stroke="#333" stroke-width="1"/>`);
  chart.categories.forEach((category, g) => {
    const groupLeft = left + g * groupWidth + (groupWidth - barWidth * chart.series.length) / 2;
    chart.series.forEach((series, i) => {
      const value = series.values[g] ?? 0;
      const barHeight = (value / max) * plotHeight;
      const x = groupLeft + i * barWidth;
      const y = plotTop + plotHeight - barHeight;
      parts.push(
        `<rect x="${n(x)}" y="${n(y)}" width="${n(barWidth - 2)}" height="${n(barHeight)}" fill="${series.status.color}"><title>${escapeXml(`${category} · ${series.status.word}: ${value}`)}</title></rect>`,
        `<text x="${n(x + (barWidth - 2) / 2)}" y="${n(y - 3)}" text-anchor="middle">${value}</text>`,
      );
    });
    const label = category.length > 40 ? `${category.slice(0, 39)}…` : category;
    parts.push(`<text x="${n(left + g * groupWidth + groupWidth / 2)}" y="${plotTop + plotHeight + 16}" text-anchor="middle">${escapeXml(label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The evaluated indicators as one bar of 100 %, a slice per status, each labelled with its word, share and count. */
export function sharesChartSvg(chart: ReportCharts['shareByStatus']): string {
  const width = 640;
  const height = 90;
  const barTop = 10;
  const barHeight = 34;
  const total = chart.slices.reduce((sum, slice) => sum + slice.count, 0);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeXml(chart.title)}" ${FONT} font-size="11">`,
    `<title>${escapeXml(chart.title)}</title>`,
  ];
  let x = 0;
  for (const slice of chart.slices) {
    const sliceWidth = total === 0 ? 0 : (slice.count / total) * width;
    if (sliceWidth > 0) parts.push(`<rect x="${n(x)}" y="${barTop}" width="${n(sliceWidth)}" height="${barHeight}" fill="${slice.status.color}"/>`);
    x += sliceWidth;
  }
  if (total === 0) parts.push(`<rect x="0" y="${barTop}" width="${width}" height="${barHeight}" fill="none" stroke="#333"/>`);
  chart.slices.forEach((slice, i) => {
    const lx = i * 210;
    parts.push(
      `<rect x="${lx}" y="${barTop + barHeight + 14}" width="12" height="12" fill="${slice.status.color}"/>`,
      `<text x="${lx + 16}" y="${barTop + barHeight + 24}">${escapeXml(`${slice.status.word}: ${slice.share} (${slice.count})`)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
