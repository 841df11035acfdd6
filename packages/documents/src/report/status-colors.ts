import type { ReportStatus } from './report-model.js';

/**
 * The traffic light's colours, dark enough that white text on them and the word beside them stay
 * readable; the word is always printed too, so no reader depends on telling red from green.
 */
export const STATUS_COLORS: Readonly<Record<ReportStatus, string>> = {
  good: '#1b7f3b',
  regular: '#b7791f',
  critical: '#c0392b',
  'not-reported': '#6b7280',
  'not-due': '#9ca3af',
};
