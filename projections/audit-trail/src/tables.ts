import type { ColumnType, Selectable } from 'kysely';
import type { AuditChange } from './audit-change.js';

/**
 * The audit trail's tables (version 1), as queries see them. Positions are
 * `positionKey`s (NUMERIC, arriving as decimal strings) so that "as of P" is
 * one comparison. Rows are only ever inserted: a row describes one event,
 * and what was true at P is "rows with a key at or before P".
 */
export interface AuditTrailDatabase {
  entries: EntriesTable;
  units: UnitsTable;
  unit_changes: UnitChangesTable;
  plans: PlansTable;
}

/** A unit's renaming, move or retirement. Primary key (plan_id, code, valid_from). */
export interface UnitChangesTable {
  plan_id: string;
  code: string;
  valid_from: ColumnType<string, string, never>;
  event_type: 'UnitRenamed' | 'UnitMoved' | 'UnitRetired';
  /** UnitRenamed's new name; null for the others. */
  name: string | null;
  /** UnitMoved's new parent (null: to the top); null for the others. */
  parent_code: string | null;
}

/** One row per audited event. Primary key (plan_id, position_key): an event belongs to one plan. */
export interface EntriesTable {
  plan_id: string;
  position_key: string;
  /** The same position as `"<commit>:<prepare>"`, as the API prints it. */
  position: string;
  event_id: string;
  stream_name: string;
  stream_version: number;
  event_type: string;
  indicator_code: string | null;
  unit_code: string | null;
  previous_unit_code: string | null;
  period: string | null;
  before_value: string | null;
  after_value: string | null;
  numerator: string | null;
  denominator: string | null;
  actor_id: string;
  actor_role: string | null;
  source: string;
  request_id: string;
  correlation_id: string;
  causation_id: string;
  /** For range filters only; `recorded_at_text` is what is shown, byte for byte as the event has it. */
  recorded_at: ColumnType<Date, string, never>;
  recorded_at_text: string;
  reason: string | null;
  changes: ColumnType<AuditChange[], string, never>;
}

/** The plan's unit hierarchy. Units are only ever added, never moved: one row each. */
export interface UnitsTable {
  plan_id: string;
  code: string;
  name: string;
  parent_code: string | null;
  area_class: string;
  valid_from: string;
}

/** One row per opened plan, so "does the plan exist at P" is one lookup. */
export interface PlansTable {
  plan_id: string;
  name: string;
  fiscal_year: number;
  valid_from: string;
}

export type EntryRow = Selectable<EntriesTable>;
export type UnitRow = Selectable<UnitsTable>;
