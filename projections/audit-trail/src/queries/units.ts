import { compareCodes } from '@semaforo/domain';
import type { AnyKysely } from '@semaforo/sql';
import { tablesAt, type ReadPoint } from './read-point.js';

/**
 * The unit and every unit below it (division → unit → department), as
 * defined at the read point, sorted by code; null when the plan had no such
 * unit then. Plans have tens of units, so the tree is walked in memory
 * rather than with a recursive query.
 */
export async function unitSubtreeAt(db: AnyKysely, at: ReadPoint, planId: string, unit: string): Promise<string[] | null> {
  const rows = await tablesAt(db, at)
    .selectFrom('units')
    .select(['code', 'parent_code'])
    .where('plan_id', '=', planId)
    .where('valid_from', '<=', at.positionKey)
    .execute();
  if (!rows.some((row) => row.code === unit)) return null;
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parent_code === null) continue;
    const siblings = children.get(row.parent_code) ?? [];
    siblings.push(row.code);
    children.set(row.parent_code, siblings);
  }
  const found = new Set<string>([unit]);
  const pending = [unit];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const child of children.get(next) ?? []) {
      // A cycle cannot be defined (a parent must exist first), but a set makes the walk safe regardless.
      if (found.has(child)) continue;
      found.add(child);
      pending.push(child);
    }
  }
  return [...found].sort(compareCodes);
}
