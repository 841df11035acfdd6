import type { IndicatorDefinition } from '../indicator/indicator-definition.js';
import type { CorrectiveAction } from '../indicator/indicator-events.js';
import type { ResultEntry } from '../indicator/indicator-state.js';
import type { OpenPlanState } from '../plan/plan-state.js';

/**
 * Everything an evaluation needs, as known at one log position. Two paths
 * build it: `foldPlanFacts` from the raw events (the in-memory evaluator) and
 * the read model from its rows; both must give the same value, so it is plain
 * data with one spelling per fact.
 */
export interface PlanFacts {
  readonly plan: OpenPlanState;
  /** Sorted by code (UTF-16 code units, i.e. `COLLATE "C"`), retired ones included. */
  readonly indicators: readonly IndicatorFacts[];
}

export interface IndicatorFacts {
  readonly code: string;
  readonly status: 'active' | 'retired';
  readonly definition: IndicatorDefinition;
  /** Current target per period id. */
  readonly targets: Readonly<Record<string, string>>;
  /** Current result per period id. */
  readonly results: Readonly<Record<string, ResultEntry>>;
  /** In the order they were added (ascending `justificationNumber`). */
  readonly justifications: readonly JustificationFact[];
}

export interface JustificationFact {
  readonly period: string;
  readonly justificationNumber: number;
  readonly text: string;
  /** Present only when true: the text is reserved (see `reservedMarkSchema`). */
  readonly reserved?: true;
  readonly correctiveActions: readonly CorrectiveAction[];
  /** When the log recorded it (ISO 8601, as stored), and who added it. */
  readonly recordedAt: string;
  readonly actorId: string;
}

/** Codes sort by code unit, never by locale: the same order on every machine and in SQL under `COLLATE "C"`. */
export const compareCodes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
