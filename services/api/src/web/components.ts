import type { Counts, EvaluationStatus } from '@semaforo/domain';
import { escapeHtml, html, trusted, type Html } from './html.js';
import { STATUS_ICONS, type WebLabels } from './web-labels.js';

/** A status as icon + word + colour: never colour alone. */
export const statusBadge = (labels: WebLabels, status: EvaluationStatus): Html =>
  html`<span class="status status-${status}"><span aria-hidden="true">${STATUS_ICONS[status]}</span> ${labels.status[status]}</span>`;

const FILL: Readonly<Record<'good' | 'regular' | 'critical' | 'notReported', string>> = {
  good: '#146c2e',
  regular: '#b07a00',
  critical: '#b3261e',
  notReported: '#9aa3ae',
};

/**
 * One stacked bar of good / regular / critical / not reported, as inline SVG
 * (no script, no style attribute: the CSP allows neither). Widths are whole
 * permille computed from integer counts, so no float decides anything shown.
 */
export function countsBar(labels: WebLabels, counts: Counts): Html {
  const parts = [
    ['good', counts.good],
    ['regular', counts.regular],
    ['critical', counts.critical],
    ['notReported', counts.notReported],
  ] as const;
  const total = parts.reduce((sum, [, n]) => sum + n, 0);
  const title = `${labels.status.good} ${counts.good}, ${labels.status.regular} ${counts.regular}, ${labels.status.critical} ${counts.critical}, ${labels.status['not-reported']} ${counts.notReported}`;
  if (total === 0)
    return html`<svg width="160" height="14" viewBox="0 0 1000 14" preserveAspectRatio="none" role="img" aria-label="${title}">
      <rect width="1000" height="14" fill="#e5e7eb" />
    </svg>`;
  let x = 0;
  const rects = parts.map(([key, n]) => {
    const width = Math.floor((n * 1000) / total);
    const rect = n === 0 ? '' : `<rect x="${x}" width="${width}" height="14" fill="${FILL[key]}"/>`;
    x += width;
    return rect;
  });
  return html`<svg width="160" height="14" viewBox="0 0 1000 14" preserveAspectRatio="none" role="img" aria-label="${title}">
    <title>${title}</title>
    ${trusted(rects.join(''))}
  </svg>`;
}

export interface ChartPoint {
  readonly period: string;
  readonly target: string | null;
  readonly result: string | null;
  readonly revised: boolean;
}

/**
 * Target (solid) and result (dashed) per period as inline SVG, revisions as
 * diamonds. Drawing positions are the only place a float appears: they
 * place pixels, they decide nothing.
 */
export function targetResultChart(labels: WebLabels, title: string, points: readonly ChartPoint[]): Html {
  const width = 640;
  const height = 220;
  const left = 48;
  const bottom = 30;
  const top = 12;
  const values = points
    .flatMap((p) => [p.target, p.result])
    .filter((v): v is string => v !== null && v !== 'n/d')
    .map(Number);
  const max = Math.max(1, ...values);
  const step = points.length > 1 ? (width - left - 16) / (points.length - 1) : 0;
  const xOf = (i: number) => left + i * step;
  const yOf = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const line = (pick: (p: ChartPoint) => string | null) =>
    points
      .map((p, i) => ({ v: pick(p), i }))
      .filter((p): p is { v: string; i: number } => p.v !== null && p.v !== 'n/d')
      .map((p) => `${xOf(p.i).toFixed(1)},${yOf(Number(p.v)).toFixed(1)}`)
      .join(' ');
  const dots = (pick: (p: ChartPoint) => string | null, fill: string) =>
    points
      .map((p, i) => ({ v: pick(p), i }))
      .filter((p): p is { v: string; i: number } => p.v !== null && p.v !== 'n/d')
      .map((p) => `<circle cx="${xOf(p.i).toFixed(1)}" cy="${yOf(Number(p.v)).toFixed(1)}" r="4" fill="${fill}"/>`)
      .join('');
  const labelsX = points.map(
    (p, i) => `<text x="${xOf(i).toFixed(1)}" y="${height - 10}" font-size="11" text-anchor="middle" fill="#1b1f24">${escapeHtml(p.period.slice(5))}</text>`,
  );
  const markers = points
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.revised)
    .map(({ p, i }) => {
      const v = Number(p.result ?? p.target ?? '0');
      const x = xOf(i);
      const y = yOf(Number.isFinite(v) ? v : 0);
      return `<path d="M${x.toFixed(1)} ${(y - 7).toFixed(1)} l7 7 l-7 7 l-7 -7 z" fill="#b3261e"><title>${escapeHtml(`${labels.indicator.revision} ${p.period}`)}</title></path>`;
    });
  return html`<figure>
    <svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" data-testid="indicator-chart">
      <title>${title}</title>
      <line x1="${left}" y1="${height - bottom}" x2="${width - 8}" y2="${height - bottom}" stroke="#4a5563" />
      <line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#4a5563" />
      <text x="${left - 6}" y="${top + 4}" font-size="11" text-anchor="end" fill="#1b1f24">${String(max)}</text>
      <text x="${left - 6}" y="${height - bottom}" font-size="11" text-anchor="end" fill="#1b1f24">0</text>
      <polyline points="${line((p) => p.target)}" fill="none" stroke="#0b5cad" stroke-width="3" />
      <polyline points="${line((p) => p.result)}" fill="none" stroke="#146c2e" stroke-width="3" stroke-dasharray="8 5" />
      ${trusted(dots((p) => p.target, '#0b5cad'))} ${trusted(dots((p) => p.result, '#146c2e'))} ${trusted(labelsX.join(''))} ${trusted(markers.join(''))}
    </svg>
    <figcaption class="legend">${labels.indicator.chartNote}</figcaption>
  </figure>`;
}
