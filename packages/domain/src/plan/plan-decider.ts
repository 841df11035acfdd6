import { DEFAULT_EVALUATION_SCALE, assertEvaluationScale, type EvaluationScale } from '../compliance/index.js';
import { decimalEquals } from '../decimal/index.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { PlanCommand } from './plan-commands.js';
import { EVALUATION_METHOD_VERSION, type PlanEvent } from './plan-events.js';
import { sameNumberFormat } from './number-format.js';
import { evolvePlan, initialPlanState, planNumberFormat, type OpenPlanState, type PlanState } from './plan-state.js';
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
      if (parentCode !== undefined && !plan.units[parentCode]) {
        throw new DomainError('UNKNOWN_PARENT_UNIT', `The parent unit ${parentCode} is not defined in this plan; define it first.`, { parentCode });
      }
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
