import type { PlausibilityWarning } from '@semaforo/domain';
import type { Insertable, Selectable } from 'kysely';

/**
 * The read model's tables, as today's code reads them (migrations are
 * written against `AnyKysely` and never change with these types).
 *
 * Bitemporal without updates: every row is one event's consequence, keyed
 * by the event's position (`valid_from`, a position key: NUMERIC, as a
 * decimal string), and never touched again. The fact valid at position P is
 * the latest row with `valid_from <= P`; nothing stores "valid to".
 */

/** The plan as of each plan event that changes its header (opened, perspective added, scale changed). */
export interface PlanVersionsTable {
  readonly plan_id: string;
  readonly valid_from: string;
  readonly event_type: string;
  /** Position key of the `PlanOpened` this version descends from: units defined before it do not belong to it. */
  readonly opened_from: string;
  /** The plan's `OpenPlanState` with `units` left empty: units are rows of their own (a plan has hundreds). */
  readonly state: unknown;
}

export interface UnitVersionsTable {
  readonly plan_id: string;
  readonly code: string;
  readonly valid_from: string;
  readonly name: string;
  readonly parent_code: string | null;
  readonly area_class: string;
  /** 0004 on: a UnitRetired's version; false for every other. */
  readonly retired?: boolean;
}

/** An indicator's definition and status as of each registration, amendment and retirement. */
export interface IndicatorVersionsTable {
  readonly plan_id: string;
  readonly code: string;
  readonly valid_from: string;
  readonly event_type: string;
  /** Position key of the registration this version descends from: figures older than it do not belong to it. */
  readonly registered_from: string;
  readonly status: 'active' | 'retired';
  readonly definition: unknown;
}

export interface TargetVersionsTable {
  readonly plan_id: string;
  readonly code: string;
  readonly period: string;
  readonly valid_from: string;
  readonly event_type: string;
  /** As reported (a decimal string), never re-spelled by NUMERIC. */
  readonly value: string;
}

export interface ResultVersionsTable {
  readonly plan_id: string;
  readonly code: string;
  readonly period: string;
  readonly valid_from: string;
  readonly event_type: string;
  readonly kind: 'value' | 'no-data';
  readonly value: string | null;
  /** Both or neither, as the write side keeps them. */
  readonly numerator: string | null;
  readonly denominator: string | null;
  /** The plausibility warnings the result was stored with (JSON); null when none. */
  readonly warnings: readonly PlausibilityWarning[] | null;
}

export interface JustificationsTable {
  readonly plan_id: string;
  readonly code: string;
  readonly valid_from: string;
  readonly period: string;
  readonly justification_number: number;
  readonly text: string;
  /** Version 2 on; a corrective action's mark is its JSON's `reserved`, present only when true. */
  readonly reserved: boolean;
  readonly corrective_actions: unknown;
  /** ISO 8601 exactly as the event metadata has it. */
  readonly recorded_at: string;
  readonly actor_id: string;
}

export interface EvaluationFactsDatabase {
  readonly plan_versions: PlanVersionsTable;
  readonly unit_versions: UnitVersionsTable;
  readonly indicator_versions: IndicatorVersionsTable;
  readonly target_versions: TargetVersionsTable;
  readonly result_versions: ResultVersionsTable;
  readonly justifications: JustificationsTable;
}

export type PlanVersionRow = Selectable<PlanVersionsTable>;
export type NewPlanVersionRow = Insertable<PlanVersionsTable>;
export type UnitVersionRow = Selectable<UnitVersionsTable>;
export type NewUnitVersionRow = Insertable<UnitVersionsTable>;
export type IndicatorVersionRow = Selectable<IndicatorVersionsTable>;
export type NewIndicatorVersionRow = Insertable<IndicatorVersionsTable>;
export type TargetVersionRow = Selectable<TargetVersionsTable>;
export type NewTargetVersionRow = Insertable<TargetVersionsTable>;
export type ResultVersionRow = Selectable<ResultVersionsTable>;
export type NewResultVersionRow = Insertable<ResultVersionsTable>;
export type JustificationRow = Selectable<JustificationsTable>;
export type NewJustificationRow = Insertable<JustificationsTable>;
