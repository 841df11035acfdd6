import { compareCodes } from '@semaforo/domain';
import type { AnyKysely } from '@semaforo/sql';
import { tablesAt, type ReadPoint } from './read-point.js';

/**
 * The unit and every unit below it (division → unit → department), as
 * defined and moved by the read point, sorted by code; null when the plan had
 * no such unit then. A retired unit stays in it: its past is still its trail. Plans have tens of units, so the tree is walked in memory
 * rather than with a recursive query.
 */
export async function unitSubtreeAt(db: AnyKysely, at: ReadPoint, planId: string, unit: string): Promise<string[] | null> {
  const rows = await unitRowsAt(db, at, planId);
  if (!rows.some((row) => row.code === unit)) return null;
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parentCode === null) continue;
    const siblings = children.get(row.parentCode) ?? [];
    siblings.push(row.code);
    children.set(row.parentCode, siblings);
  }
  const found = new Set<string>([unit]);
  const pending = [unit];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const child of children.get(next) ?? []) {
      // The decider refuses a cycle (a parent defined first, no move under itself), but a set makes the walk safe regardless.
      if (found.has(child)) continue;
      found.add(child);
      pending.push(child);
    }
  }
  return [...found].sort(compareCodes);
}

/** A unit as the read point has it: its definition with the renamings, moves and retirement up to then. */
export interface UnitAt {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
  readonly areaClass: string;
  readonly retired: boolean;
}

/** The plan's units at the read point, in no particular order. Tens of units, a few changes each: folded in memory. */
export async function unitRowsAt(db: AnyKysely, at: ReadPoint, planId: string): Promise<UnitAt[]> {
  const tables = tablesAt(db, at);
  const [defined, changes] = await Promise.all([
    tables
      .selectFrom('units')
      .select(['code', 'name', 'parent_code', 'area_class'])
      .where('plan_id', '=', planId)
      .where('valid_from', '<=', at.positionKey)
      .execute(),
    tables
      .selectFrom('unit_changes')
      .select(['code', 'event_type', 'name', 'parent_code'])
      .where('plan_id', '=', planId)
      .where('valid_from', '<=', at.positionKey)
      .orderBy('valid_from')
      .execute(),
  ]);
  const units = new Map<string, UnitAt>();
  for (const row of defined) {
    units.set(row.code, { code: row.code, name: row.name, parentCode: row.parent_code, areaClass: row.area_class, retired: false });
  }
  for (const change of changes) {
    const unit = units.get(change.code);
    if (unit === undefined) continue;
    if (change.event_type === 'UnitRenamed' && change.name !== null) units.set(unit.code, { ...unit, name: change.name });
    else if (change.event_type === 'UnitMoved') units.set(unit.code, { ...unit, parentCode: change.parent_code });
    else if (change.event_type === 'UnitRetired') units.set(unit.code, { ...unit, retired: true });
  }
  return [...units.values()];
}
