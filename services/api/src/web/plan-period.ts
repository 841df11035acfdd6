import { codeSchema, planIdSchema } from '@semaforo/domain';
import { HttpProblem } from '@semaforo/http';

/** A plan id names its fiscal year: `<institution>-<year>`. */
export function fiscalYearOf(planId: string): number {
  if (!planIdSchema.safeParse(planId).success) throw new HttpProblem(400, 'VALIDATION_FAILED', `Not a plan id: ${planId}.`);
  return Number(planId.slice(-4));
}

/** The quarters, semesters, the year and the months: what the overview lets one pick. */
export function evaluationPeriodsOf(year: number): string[] {
  return [`${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`, `${year}-S1`, `${year}-S2`, `${year}`, ...MONTHS(year)];
}

/** The quarter "now" falls in, within the plan's year: a past plan opens at its last quarter, a future one at its first. */
export function defaultQuarter(year: number, now: Date): string {
  const nowYear = now.getUTCFullYear();
  if (nowYear > year) return `${year}-Q4`;
  if (nowYear < year) return `${year}-Q1`;
  return `${year}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

export const MONTHS = (year: number): string[] => Array.from({ length: 12 }, (_, i) => `${year}-M${String(i + 1).padStart(2, '0')}`);

/** The path's parameters, checked as the API's schemas check them (a NUL in an id must never reach SQL). */
export function pageParams(params: unknown): { planId: string; code?: string; unit?: string; period?: string } {
  const raw = (params ?? {}) as Record<string, string | undefined>;
  const planId = raw['planId'] ?? '';
  if (!planIdSchema.safeParse(planId).success) throw new HttpProblem(400, 'VALIDATION_FAILED', 'The plan id must read `<institution>-<fiscal year>`.');
  for (const key of ['code', 'unit'] as const) {
    const value = raw[key];
    if (value !== undefined && !codeSchema.safeParse(value).success) throw new HttpProblem(400, 'VALIDATION_FAILED', `The ${key} in the path is not a code.`);
  }
  return {
    planId,
    ...(raw['code'] === undefined ? {} : { code: raw['code'] }),
    ...(raw['unit'] === undefined ? {} : { unit: raw['unit'] }),
    ...(raw['period'] === undefined ? {} : { period: raw['period'] }),
  };
}
