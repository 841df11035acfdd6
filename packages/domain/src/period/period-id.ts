import { z } from 'zod';
import { DomainError } from '../shared/domain-error.js';
import { assertPeriod, type Period } from './period.js';
import type { Periodicity } from './periodicity.js';

export const PERIOD_ID_FORMS =
  'YYYY (annual), YYYY-S1..S2 (semiannual), YYYY-T1..T3 (four-monthly), YYYY-Q1..Q4 (quarterly), ' +
  'YYYY-B1..B6 (bimonthly) or YYYY-M01..M12 (monthly), e.g. "2023-Q2"';

// One capture group per periodicity: which group matched says which periodicity it is.
const PERIOD_ID_PATTERN = /^([1-9]\d{3})(?:-(?:S([12])|T([1-3])|Q([1-4])|B([1-6])|M(0[1-9]|1[0-2])))?$/;

const GROUP_PERIODICITIES: readonly Periodicity[] = ['semiannual', 'four-monthly', 'quarterly', 'bimonthly', 'monthly'];

const PREFIXES: Readonly<Record<Periodicity, string>> = {
  monthly: 'M',
  bimonthly: 'B',
  quarterly: 'Q',
  'four-monthly': 'T',
  semiannual: 'S',
  annual: '',
};

export function tryParsePeriod(id: string): Period | null {
  if (typeof id !== 'string') return null;
  const match = PERIOD_ID_PATTERN.exec(id);
  if (match === null) return null;
  const year = Number(match[1]);
  for (const [offset, periodicity] of GROUP_PERIODICITIES.entries()) {
    const index = match[offset + 2];
    if (index !== undefined) return { year, periodicity, index: Number(index) };
  }
  return { year, periodicity: 'annual', index: 1 };
}

export function parsePeriod(id: string): Period {
  const period = tryParsePeriod(id);
  if (period === null) {
    const shown = JSON.stringify(id) ?? String(id);
    throw new DomainError('INVALID_PERIOD', `${shown} is not a period: expected ${PERIOD_ID_FORMS}`, { value: id });
  }
  return period;
}

export function formatPeriod(period: Period): string {
  assertPeriod(period);
  if (period.periodicity === 'annual') return String(period.year);
  const index = period.periodicity === 'monthly' ? String(period.index).padStart(2, '0') : String(period.index);
  return `${period.year}-${PREFIXES[period.periodicity]}${index}`;
}

export const periodIdSchema = z.string().refine((id) => tryParsePeriod(id) !== null, { error: `must be a period: ${PERIOD_ID_FORMS}` });
