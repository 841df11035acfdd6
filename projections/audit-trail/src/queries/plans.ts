import { compareCodes } from '@semaforo/domain';
import type { AnyKysely } from '@semaforo/sql';
import { tablesAt, type ReadPoint } from './read-point.js';
import { unitRowsAt } from './units.js';

export interface PlanListing {
  readonly planId: string;
  readonly name: string;
  readonly fiscalYear: number;
}

export interface UnitListing {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
  readonly areaClass: string;
  /** Only once retired by the read point. */
  readonly retired?: true;
}

/**
 * The plans of an institution opened by the read point, newest fiscal year
 * first. Plan ids are `<institution>-<fiscal year>`, so the institution's
 * plans are the ids with its prefix and a four-digit year after it.
 */
export async function plansAt(db: AnyKysely, at: ReadPoint, institutionId: string): Promise<PlanListing[]> {
  const rows = await tablesAt(db, at)
    .selectFrom('plans')
    .select(['plan_id', 'name', 'fiscal_year'])
    .where('plan_id', 'like', `${institutionId.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}-____`)
    .where('valid_from', '<=', at.positionKey)
    .orderBy('fiscal_year', 'desc')
    .execute();
  return rows
    .filter((row) => row.plan_id === `${institutionId}-${row.fiscal_year}`)
    .map((row) => ({ planId: row.plan_id, name: row.name, fiscalYear: row.fiscal_year }));
}

/** Every unit of the plan as defined, renamed, moved and retired by the read point, sorted by code. */
export async function unitsAt(db: AnyKysely, at: ReadPoint, planId: string): Promise<UnitListing[]> {
  const rows = await unitRowsAt(db, at, planId);
  return rows
    .map(({ code, name, parentCode, areaClass, retired }) => ({ code, name, parentCode, areaClass, ...(retired ? { retired: true as const } : {}) }))
    .sort((a, b) => compareCodes(a.code, b.code));
}
