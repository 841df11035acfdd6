import type { AnyKysely } from '@semaforo/sql';
import { sql } from 'kysely';
import type { AuditChange } from '../audit-change.js';
import { provenance, type ChangeProvenance } from './history.js';
import { tablesAt, type ReadPoint } from './read-point.js';

/** One event of a plan's audit trail. */
export interface AuditEntry extends ChangeProvenance {
  readonly event: string;
  readonly stream: string;
  readonly streamVersion: number;
  readonly causationId: string;
  /** Null for plan events. */
  readonly indicator: string | null;
  /** The indicator's responsible unit right after the event; the unit itself for `UnitDefined`. */
  readonly unit: string | null;
  /** Set when an amendment moved the indicator: the unit it left. */
  readonly previousUnit: string | null;
  readonly period: string | null;
  readonly changes: AuditChange[];
}

export interface AuditFilter {
  /** Entries of any of these units (as `unit` or `previousUnit`). */
  readonly units?: readonly string[];
  readonly indicator?: string;
  /** Entries made by any of these actor ids (a person may hold several tokens). */
  readonly actors?: readonly string[];
  /** ISO-8601 instants: `from` <= recorded time < `to`. */
  readonly from?: string;
  readonly to?: string;
}

export interface AuditPageRequest {
  /** Only entries after this position key (the previous page's last). */
  readonly afterKey?: string;
  readonly limit: number;
}

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** The position key of the page's last entry when more entries follow, else null. */
  readonly lastKey: string | null;
}

/**
 * A page of the plan's audit trail up to the read point, oldest first (log
 * order), by keyset on the position key. Oldest first because the trail
 * only grows at its end: a page once read never shifts, even while changes
 * are being made, and a cursor walk has no gaps and no duplicates.
 */
export async function auditPage(db: AnyKysely, at: ReadPoint, planId: string, filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
  let query = tablesAt(db, at).selectFrom('entries').selectAll().where('plan_id', '=', planId).where('position_key', '<=', at.positionKey);
  if (page.afterKey !== undefined) query = query.where('position_key', '>', page.afterKey);
  if (filter.indicator !== undefined) query = query.where('indicator_code', '=', filter.indicator);
  const actors = filter.actors;
  if (actors !== undefined) {
    if (actors.length === 0) return { entries: [], lastKey: null };
    query = query.where('actor_id', 'in', actors);
  }
  // Compared as instants, not as text: the events' own spelling of their time may use any offset.
  if (filter.from !== undefined) query = query.where('recorded_at', '>=', sql<Date>`${filter.from}::timestamptz`);
  if (filter.to !== undefined) query = query.where('recorded_at', '<', sql<Date>`${filter.to}::timestamptz`);
  const units = filter.units;
  if (units !== undefined) {
    if (units.length === 0) return { entries: [], lastKey: null };
    query = query.where((eb) => eb.or([eb('unit_code', 'in', units), eb('previous_unit_code', 'in', units)]));
  }
  const rows = await query
    .orderBy('position_key')
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return {
    entries: shown.map((row) => ({
      ...provenance(row),
      event: row.event_type,
      stream: row.stream_name,
      streamVersion: row.stream_version,
      causationId: row.causation_id,
      indicator: row.indicator_code,
      unit: row.unit_code,
      previousUnit: row.previous_unit_code,
      period: row.period,
      changes: row.changes,
    })),
    lastKey: more ? (shown.at(-1)?.position_key ?? null) : null,
  };
}
