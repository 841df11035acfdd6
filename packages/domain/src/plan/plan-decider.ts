import { DEFAULT_EVALUATION_SCALE, assertEvaluationScale, type EvaluationScale } from '../compliance/index.js';
import { decimalEquals } from '../decimal/index.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { PlanCommand } from './plan-commands.js';
import { EVALUATION_METHOD_VERSION, type PlanEvent } from './plan-events.js';
import { sameNumberFormat } from './number-format.js';
import { evolvePlan, initialPlanState, planNumberFormat, type OpenPlanState, type PlanPerspective, type PlanState, type Unit } from './plan-state.js';
import { planIdFor } from './plan-vocabulary.js';

/** Decides what a plan command means given the plan so far. Pure: no clock, no ids, no I/O. */
export const decidePlan = (command: PlanCommand, state: PlanState): PlanEvent[] => {
  if (command.type === 'OpenPlan') {
    const { institutionId, fiscalYear, fiscalYearStartMonth, name, perspectives } = command.data;
    const planId = planIdFor(institutionId, fiscalYear);
    if (state.status === 'open') {
      throw new DomainError('PLAN_ALREADY_OPENED', `The plan ${planId} is already open.`, { planId });
    }
    assertDistinctPerspectives(perspectives.map((p) => p.code));
    const evaluationScale = command.data.evaluationScale ?? DEFAULT_EVALUATION_SCALE;
    assertEvaluationScale(evaluationScale);
    return [
      {
        type: 'PlanOpened',
        data: {
          planId,
          institutionId,
          fiscalYear,
          fiscalYearStartMonth,
          name,
          perspectives,
          evaluationScale,
          evaluationMethod: EVALUATION_METHOD_VERSION,
        },
      },
    ];
  }

  const plan = requireOpenPlan(state);
  switch (command.type) {
    case 'AddPerspective': {
      assertDistinctPerspectives([...plan.perspectives.map((p) => p.code), command.data.code]);
      return [{ type: 'PerspectiveAdded', data: { planId: plan.planId, perspective: command.data } }];
    }
    case 'DefineUnit': {
      const { code, name, parentCode, areaClass } = command.data;
      if (plan.units[code]) {
        throw new DomainError('UNIT_ALREADY_DEFINED', `The unit ${code} is already defined in this plan.`, { code });
      }
      if (parentCode !== undefined) assertParentUsable(plan, parentCode);
      return [{ type: 'UnitDefined', data: { planId: plan.planId, code, name, parentCode: parentCode ?? null, areaClass } }];
    }
    case 'ChangeEvaluationScale': {
      const { evaluationScale } = command.data;
      assertEvaluationScale(evaluationScale);
      if (sameScale(evaluationScale, plan.evaluationScale)) return [];
      return [
        {
          type: 'EvaluationScaleChanged',
          data: { planId: plan.planId, evaluationScale, previousEvaluationScale: plan.evaluationScale },
        },
      ];
    }
    case 'SetDataEntryWindow': {
      const { periodicity, days } = command.data;
      const previousDays = plan.dataEntryWindows?.[periodicity] ?? null;
      if (previousDays === days) return [];
      return [{ type: 'DataEntryWindowSet', data: { planId: plan.planId, periodicity, days, previousDays } }];
    }
    case 'ChooseNumberFormat': {
      const { numberFormat } = command.data;
      const previousNumberFormat = planNumberFormat(plan);
      if (sameNumberFormat(numberFormat, previousNumberFormat)) return [];
      const { decimalSeparator, thousandsSeparator, percentStyle, currencySymbol } = numberFormat;
      return [
        {
          type: 'NumberFormatChosen',
          data: {
            planId: plan.planId,
            numberFormat: { decimalSeparator, thousandsSeparator, percentStyle, currencySymbol },
            previousNumberFormat: { ...previousNumberFormat },
          },
        },
      ];
    }
    case 'RenamePerspective': {
      const { code, name } = command.data;
      const perspective = requireActivePerspective(plan, code);
      if (perspective.name === name) return [];
      return [{ type: 'PerspectiveRenamed', data: { planId: plan.planId, code, name, previousName: perspective.name } }];
    }
    case 'RetirePerspective': {
      // Whether indicators still use it is in their own streams, which this decider does not read.
      const { code } = command.data;
      if (requirePerspective(plan, code).retired === true) return [];
      return [{ type: 'PerspectiveRetired', data: { planId: plan.planId, code } }];
    }
    case 'RenameUnit': {
      const { code, name } = command.data;
      const unit = requireActiveUnit(plan, code);
      if (unit.name === name) return [];
      return [{ type: 'UnitRenamed', data: { planId: plan.planId, code, name, previousName: unit.name } }];
    }
    case 'MoveUnit': {
      const { code, parentCode } = command.data;
      const unit = requireActiveUnit(plan, code);
      if (unit.parentCode === parentCode) return [];
      if (parentCode !== null) {
        assertParentUsable(plan, parentCode);
        assertNoCycle(plan, code, parentCode);
      }
      return [{ type: 'UnitMoved', data: { planId: plan.planId, code, parentCode, previousParentCode: unit.parentCode } }];
    }
    case 'ChangeUnit': {
      const { code, name, parentCode, reason } = command.data;
      if (name === undefined && parentCode === undefined) {
        throw new DomainError('NOTHING_TO_CHANGE', 'An amendment must name at least one field to change.');
      }
      const renamed = name === undefined ? [] : decidePlan({ type: 'RenameUnit', data: { code, name, reason } }, plan);
      if (parentCode === undefined) return renamed;
      const afterRename = renamed.reduce(evolvePlan, plan);
      return [...renamed, ...decidePlan({ type: 'MoveUnit', data: { code, parentCode, reason } }, afterRename)];
    }
    case 'RetireUnit': {
      // Indicators assigned to the unit are in their own streams, which this decider does not read: only the
      // units below it, which the plan holds, can hold a retirement back.
      const { code } = command.data;
      if (requireUnit(plan, code).retired === true) return [];
      const below = Object.values(plan.units)
        .filter((u) => u.parentCode === code && u.retired !== true)
        .map((u) => u.code)
        .sort();
      if (below.length > 0) {
        throw new DomainError('UNIT_HAS_ACTIVE_UNITS', `The unit ${code} still has active units below it: ${below.join(', ')}. Move or retire them first.`, {
          code,
          units: below,
        });
      }
      return [{ type: 'UnitRetired', data: { planId: plan.planId, code } }];
    }
  }
};

/** The unit, own keys only: a code such as `constructor` must not find Object.prototype's. */
export const unitOf = (plan: OpenPlanState, code: string): Unit | undefined => (Object.hasOwn(plan.units, code) ? plan.units[code] : undefined);

const requireUnit = (plan: OpenPlanState, code: string): Unit => {
  const unit = unitOf(plan, code);
  if (unit === undefined) throw new DomainError('UNIT_NOT_FOUND', `The plan ${plan.planId} has no unit ${code}.`, { planId: plan.planId, code });
  return unit;
};

const requireActiveUnit = (plan: OpenPlanState, code: string): Unit => {
  const unit = requireUnit(plan, code);
  if (unit.retired === true) throw new DomainError('UNIT_RETIRED', `The unit ${code} is retired and takes no more changes.`, { code });
  return unit;
};

const requirePerspective = (plan: OpenPlanState, code: string): PlanPerspective => {
  const perspective = plan.perspectives.find((p) => p.code === code);
  if (perspective === undefined) {
    throw new DomainError('PERSPECTIVE_NOT_FOUND', `The plan ${plan.planId} has no perspective ${code}.`, { planId: plan.planId, code });
  }
  return perspective;
};

const requireActivePerspective = (plan: OpenPlanState, code: string): PlanPerspective => {
  const perspective = requirePerspective(plan, code);
  if (perspective.retired === true) {
    throw new DomainError('PERSPECTIVE_RETIRED', `The perspective ${code} is retired and takes no more changes.`, { code });
  }
  return perspective;
};

const assertParentUsable = (plan: OpenPlanState, parentCode: string): void => {
  const parent = unitOf(plan, parentCode);
  if (parent === undefined) {
    throw new DomainError('UNKNOWN_PARENT_UNIT', `The parent unit ${parentCode} is not defined in this plan; define it first.`, { parentCode });
  }
  if (parent.retired === true) {
    throw new DomainError('PARENT_UNIT_RETIRED', `The unit ${parentCode} is retired: no unit can go under it.`, { parentCode });
  }
};

/** Under itself or under a unit below it, the hierarchy would loop and have no top. */
const assertNoCycle = (plan: OpenPlanState, code: string, parentCode: string): void => {
  const seen = new Set<string>();
  for (let at: string | null = parentCode; at !== null && !seen.has(at); at = unitOf(plan, at)?.parentCode ?? null) {
    if (at === code) {
      throw new DomainError('UNIT_MOVE_CYCLE', `The unit ${code} cannot move under ${parentCode}: that unit is ${code} itself or below it.`, {
        code,
        parentCode,
      });
    }
    seen.add(at);
  }
};

export const requireOpenPlan = (state: PlanState): OpenPlanState => {
  if (state.status !== 'open') throw new DomainError('PLAN_NOT_FOUND', 'There is no such plan.');
  return state;
};

const assertDistinctPerspectives = (codes: readonly string[]): void => {
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) {
      throw new DomainError('DUPLICATE_PERSPECTIVE', `The perspective ${code} appears more than once.`, { code });
    }
    seen.add(code);
  }
};

const sameScale = (a: EvaluationScale, b: EvaluationScale): boolean =>
  decimalEquals(a.criticalBelow, b.criticalBelow) && decimalEquals(a.goodAbove, b.goodAbove);

/** The plan aggregate as one value, what the write side runs its commands with. */
export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  decide: decidePlan,
  evolve: evolvePlan,
  initialState: initialPlanState,
};
