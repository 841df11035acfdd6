import {
  evolveIndicator,
  evolvePlan,
  initialIndicatorState,
  initialPlanState,
  type IndicatorDefinition,
  type IndicatorEvent,
  type IndicatorState,
  type PlanEvent,
  type PlanState,
} from '@semaforo/domain';
import type { FactEvent } from './fact-event.js';
import type { NewIndicatorVersionRow, NewJustificationRow, NewPlanVersionRow, NewResultVersionRow, NewTargetVersionRow, NewUnitVersionRow } from './tables.js';

/**
 * What a batch needs to know from before it: each plan's header and each
 * indicator's definition and status, with the position of the opening or
 * registration they descend from (null when there is none yet). Figures are
 * never needed: a target or a result row does not depend on the previous one.
 */
export interface PlanSnapshot {
  /** Always with `units` empty: units are rows of their own. */
  readonly state: PlanState;
  readonly openedFrom: string | null;
}

export interface IndicatorSnapshot {
  /** Always with `targets` and `results` empty, for the same reason. */
  readonly state: IndicatorState;
  readonly registeredFrom: string | null;
}

/** A unit's latest version, what a renaming or a move copies the other columns from. */
export interface UnitSnapshot {
  readonly name: string;
  readonly parentCode: string | null;
  readonly areaClass: NewUnitVersionRow['area_class'];
  readonly retired: boolean;
}

export interface PriorFacts {
  /** By plan id. */
  readonly plans: ReadonlyMap<string, PlanSnapshot>;
  /** By `indicatorKey(planId, code)`: the units a batch renames or moves without defining them first. */
  readonly units?: ReadonlyMap<string, UnitSnapshot>;
  /** By `indicatorKey(planId, code)`. */
  readonly indicators: ReadonlyMap<string, IndicatorSnapshot>;
}

export interface FactRows {
  readonly plans: NewPlanVersionRow[];
  readonly units: NewUnitVersionRow[];
  readonly indicators: NewIndicatorVersionRow[];
  readonly targets: NewTargetVersionRow[];
  readonly results: NewResultVersionRow[];
  readonly justifications: NewJustificationRow[];
}

/** `/` appears in neither a plan id nor a code, so the key is unambiguous (as in indicator stream names). */
export const indicatorKey = (planId: string, code: string): string => `${planId}/${code}`;

const ABSENT_PLAN: PlanSnapshot = { state: initialPlanState(), openedFrom: null };
const ABSENT_INDICATOR: IndicatorSnapshot = { state: initialIndicatorState(), registeredFrom: null };

/**
 * The rows a batch of events adds, in log order. Pure: the same events and
 * prior facts give the same rows. Plan headers and indicator definitions
 * move with the domain's own `evolvePlan` / `evolveIndicator`, exactly as
 * `foldPlanFacts` moves them. Units, figures and justifications depend on no
 * earlier state, so they are kept as they come, and `planFactsAt` keeps
 * those that belong (units after the plan's opening, figures after the
 * indicator's registration, every justification of a registered code), the
 * way the fold does. That also spares most batches any read before writing.
 */
export function factRows(events: readonly FactEvent[], prior: PriorFacts): FactRows {
  const plans = new Map(prior.plans);
  const indicators = new Map(prior.indicators);
  const units = new Map(prior.units ?? []);
  const rows: FactRows = { plans: [], units: [], indicators: [], targets: [], results: [], justifications: [] };

  for (const fact of events) {
    const { key } = fact;
    if (fact.stream === 'plan') {
      const { event } = fact;
      const planId = event.data.planId;
      if (event.type === 'UnitDefined') {
        // Kept whatever the plan's state: `planFactsAt` leaves out units older than the opening, as evolve ignores them.
        const { code, name, parentCode, areaClass } = event.data;
        rows.units.push({ plan_id: planId, code, valid_from: key, name, parent_code: parentCode, area_class: areaClass });
        units.set(indicatorKey(planId, code), { name, parentCode, areaClass, retired: false });
        continue;
      }
      // A new version of the unit, as `evolvePlan` changes it in place: an evaluation at a later position reads
      // the new name, parent or retirement, one at an earlier position the version it had then.
      if (event.type === 'UnitRenamed' || event.type === 'UnitMoved' || event.type === 'UnitRetired') {
        const { code } = event.data;
        const before = units.get(indicatorKey(planId, code));
        // A change of a unit never defined cannot be in a valid log; evolve ignores it too.
        if (before === undefined) continue;
        const unit =
          event.type === 'UnitRenamed'
            ? { ...before, name: event.data.name }
            : event.type === 'UnitMoved'
              ? { ...before, parentCode: event.data.parentCode }
              : { ...before, retired: true };
        units.set(indicatorKey(planId, code), unit);
        rows.units.push({
          plan_id: planId,
          code,
          valid_from: key,
          name: unit.name,
          parent_code: unit.parentCode,
          area_class: unit.areaClass,
          retired: unit.retired,
        });
        continue;
      }
      // A data-entry window says who may write, not how an evaluation reads: no row, and none of its state in the header.
      if (event.type === 'DataEntryWindowSet') continue;
      const before = plans.get(planId) ?? ABSENT_PLAN;
      const state = evolvePlan(before.state, event);
      if (state === before.state || state.status !== 'open') continue;
      const openedFrom = event.type === 'PlanOpened' ? key : before.openedFrom;
      if (openedFrom === null) continue;
      plans.set(planId, { state, openedFrom });
      const { units: _units, dataEntryWindows: _windows, ...header } = state;
      rows.plans.push({ plan_id: planId, valid_from: key, event_type: event.type, opened_from: openedFrom, state: header });
      continue;
    }

    const { event } = fact;
    const { planId, code } = event.data;
    // Plausibility rules judge a result when it is written, and the warnings travel with it: the rules shape no evaluation.
    if (event.type === 'PlausibilityRulesSet') continue;
    if (event.type === 'JustificationAdded') {
      const { period, justificationNumber, text, reserved, correctiveActions } = event.data;
      rows.justifications.push({
        plan_id: planId,
        code,
        valid_from: key,
        period,
        justification_number: justificationNumber,
        text,
        reserved: reserved === true,
        corrective_actions: correctiveActions,
        recorded_at: fact.recordedAt,
        actor_id: fact.actorId,
      });
      continue;
    }
    if (isFigure(event)) {
      // A figure does not depend on what came before it: evolve copies it in. Whether it belongs to the indicator
      // (reported after its registration) is decided when reading, as evolve ignores figures of an absent indicator.
      // It is still read back from an evolved state, so that the write side decides what an entry is, not this file.
      const state = evolveIndicator(figureHolder(planId, code), event);
      if (state.status === 'absent') continue;
      if (event.type === 'TargetSet' || event.type === 'TargetRevised') {
        const value = state.targets[event.data.period];
        if (value === undefined) continue;
        rows.targets.push({ plan_id: planId, code, period: event.data.period, valid_from: key, event_type: event.type, value });
        continue;
      }
      const entry = state.results[event.data.period];
      if (entry === undefined) continue;
      const figures =
        entry.kind === 'value'
          ? { value: entry.value, numerator: entry.numerator ?? null, denominator: entry.denominator ?? null, warnings: entry.warnings ?? null }
          : { value: null, numerator: null, denominator: null, warnings: null };
      rows.results.push({ plan_id: planId, code, period: event.data.period, valid_from: key, event_type: event.type, kind: entry.kind, ...figures });
      continue;
    }
    // A registration, an amendment or a retirement: a new version of the definition and status.
    const id = indicatorKey(planId, code);
    const before = indicators.get(id) ?? ABSENT_INDICATOR;
    const state = evolveIndicator(before.state, event);
    if (state.status === 'absent') continue;
    const registeredFrom = event.type === 'IndicatorRegistered' ? key : before.registeredFrom;
    if (registeredFrom === null) continue;
    indicators.set(id, { state, registeredFrom });
    rows.indicators.push({
      plan_id: planId,
      code,
      valid_from: key,
      event_type: event.type,
      registered_from: registeredFrom,
      status: state.status,
      definition: state.definition,
    });
  }
  return rows;
}

type FigureEvent = Extract<IndicatorEvent, { type: 'TargetSet' | 'TargetRevised' | 'ResultReported' | 'ResultCorrected' | 'NoDataReported' }>;

const FIGURE_TYPES: ReadonlySet<string> = new Set(['TargetSet', 'TargetRevised', 'ResultReported', 'ResultCorrected', 'NoDataReported']);

const isFigure = (event: IndicatorEvent): event is FigureEvent => FIGURE_TYPES.has(event.type);

/** Events that need the state before them: everything but a plan's opening, an indicator's registration, units, figures and justifications. */
export const needsPriorState = (event: PlanEvent | IndicatorEvent): boolean =>
  event.type === 'PerspectiveAdded' ||
  event.type === 'EvaluationScaleChanged' ||
  event.type === 'NumberFormatChosen' ||
  event.type === 'PerspectiveRenamed' ||
  event.type === 'PerspectiveRetired' ||
  event.type === 'IndicatorAmended' ||
  event.type === 'IndicatorRetired';

/** A registered indicator with nothing in it, to read a figure event back through `evolveIndicator`. */
const figureHolder = (planId: string, code: string): IndicatorState => ({
  status: 'active',
  planId,
  code,
  definition: HOLDER_DEFINITION,
  targets: {},
  results: {},
  justificationCount: 0,
});

const HOLDER_DEFINITION = Object.freeze({}) as IndicatorDefinition;
