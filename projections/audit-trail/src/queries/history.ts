import type { AnyKysely } from '@semaforo/sql';
import type { EntryRow } from '../tables.js';
import { tablesAt, type ReadPoint } from './read-point.js';

/** Who made a change, when, from where and why: the same for every kind of history entry. */
export interface ChangeProvenance {
  /** `"<commit>:<prepare>"` of the event. */
  readonly position: string;
  readonly eventId: string;
  readonly actor: { readonly id: string; readonly role: string | null };
  /** ISO-8601, exactly as the event recorded it. */
  readonly recordedAt: string;
  readonly reason: string | null;
  readonly source: string;
  readonly requestId: string;
  readonly correlationId: string;
}

export interface TargetHistoryEntry extends ChangeProvenance {
  readonly event: 'TargetSet' | 'TargetRevised';
  readonly period: string;
  /** Null when the period had no target yet. */
  readonly before: string | null;
  readonly after: string;
}

export interface ResultHistoryEntry extends ChangeProvenance {
  readonly event: 'ResultReported' | 'ResultCorrected' | 'NoDataReported';
  readonly period: string;
  /** A decimal, `"no-data"`, or null when nothing had been reported for the period. */
  readonly before: string | null;
  /** A decimal or `"no-data"`. */
  readonly after: string;
  /** The ratio reported with `after`; null when none was given. */
  readonly numerator: string | null;
  readonly denominator: string | null;
}

export interface HistoryOptions {
  /** Only this period's entries. */
  readonly period?: string;
}

const TARGET_EVENTS = ['TargetSet', 'TargetRevised'] as const;
const RESULT_EVENTS = ['ResultReported', 'ResultCorrected', 'NoDataReported'] as const;

/** Every target an indicator had, per period, old → new, in log order, up to the read point. */
export async function targetHistory(db: AnyKysely, at: ReadPoint, planId: string, code: string, options: HistoryOptions = {}): Promise<TargetHistoryEntry[]> {
  const rows = await historyRows(db, at, planId, code, TARGET_EVENTS, options);
  return rows.map((row) => ({
    ...provenance(row),
    event: row.event_type as TargetHistoryEntry['event'],
    period: row.period ?? '',
    before: row.before_value,
    after: row.after_value ?? '',
  }));
}

/** Every result, correction and "no data" of an indicator, in log order, up to the read point. */
export async function resultHistory(db: AnyKysely, at: ReadPoint, planId: string, code: string, options: HistoryOptions = {}): Promise<ResultHistoryEntry[]> {
  const rows = await historyRows(db, at, planId, code, RESULT_EVENTS, options);
  return rows.map((row) => ({
    ...provenance(row),
    event: row.event_type as ResultHistoryEntry['event'],
    period: row.period ?? '',
    before: row.before_value,
    after: row.after_value ?? '',
    numerator: row.numerator,
    denominator: row.denominator,
  }));
}

function historyRows(db: AnyKysely, at: ReadPoint, planId: string, code: string, types: readonly string[], options: HistoryOptions): Promise<EntryRow[]> {
  let query = tablesAt(db, at)
    .selectFrom('entries')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('indicator_code', '=', code)
    .where('event_type', 'in', types)
    .where('position_key', '<=', at.positionKey);
  if (options.period !== undefined) query = query.where('period', '=', options.period);
  return query.orderBy('position_key').execute();
}

export function provenance(row: EntryRow): ChangeProvenance {
  return {
    position: row.position,
    eventId: row.event_id,
    actor: { id: row.actor_id, role: row.actor_role },
    recordedAt: row.recorded_at_text,
    reason: row.reason,
    source: row.source,
    requestId: row.request_id,
    correlationId: row.correlation_id,
  };
}
