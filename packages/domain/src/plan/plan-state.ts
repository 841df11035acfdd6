import type { EvaluationScale } from '../compliance/index.js';
import type { Periodicity } from '../period/index.js';
import { DEFAULT_NUMBER_FORMAT, type NumberFormat } from './number-format.js';
import type { PlanEvent } from './plan-events.js';
import type { AreaClass, Perspective } from './plan-vocabulary.js';

export interface Unit {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
  readonly areaClass: AreaClass;
  /** Only once retired: a unit that never was keeps the shape, and the bytes, it always had. */
  readonly retired?: true;
}

/** A perspective as the plan holds it: `retired` only once retired, as for a unit. */
export type PlanPerspective = Perspective & { readonly retired?: true };

export type PlanState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'open';
      readonly planId: string;
      readonly institutionId: string;
      readonly fiscalYear: number;
      readonly fiscalYearStartMonth: number;
      readonly name: string;
      readonly perspectives: readonly PlanPerspective[];
      readonly units: Readonly<Record<string, Unit>>;
      readonly evaluationScale: EvaluationScale;
      readonly evaluationMethod: string;
      /**
       * Days after a period ends during which its results are accepted, per
       * periodicity; a periodicity absent has no window. Absent until a
       * window is first set, so a plan that never had one folds exactly as
       * before windows existed (the evaluation's facts leave it out).
       */
      readonly dataEntryWindows?: Readonly<Partial<Record<Periodicity, number>>>;
      /**
       * Absent until the plan chooses one (`planNumberFormat` gives the default then): a plan's state, and the
       * read model's copy of it, stay what they were for every plan that never chose.
       */
      readonly numberFormat?: NumberFormat;
    };

export type OpenPlanState = Extract<PlanState, { status: 'open' }>;

export const initialPlanState = (): PlanState => ({ status: 'absent' });

export const evolvePlan = (state: PlanState, event: PlanEvent): PlanState => {
  if (event.type === 'PlanOpened') {
    const { planId, institutionId, fiscalYear, fiscalYearStartMonth, name, perspectives, evaluationScale, evaluationMethod } = event.data;
    return {
      status: 'open',
      planId,
      institutionId,
      fiscalYear,
      fiscalYearStartMonth,
      name,
      perspectives,
      units: {},
      evaluationScale,
      evaluationMethod,
    };
  }
  // Any other event on a plan that never opened cannot be in a valid log.
  if (state.status !== 'open') return state;
  switch (event.type) {
    case 'PerspectiveAdded':
      return { ...state, perspectives: [...state.perspectives, event.data.perspective] };
    case 'UnitDefined': {
      const { code, name, parentCode, areaClass } = event.data;
      return { ...state, units: { ...state.units, [code]: { code, name, parentCode, areaClass } } };
    }
    case 'EvaluationScaleChanged':
      return { ...state, evaluationScale: event.data.evaluationScale };
    case 'DataEntryWindowSet': {
      const { [event.data.periodicity]: _previous, ...others } = state.dataEntryWindows ?? {};
      const { periodicity, days } = event.data;
      return { ...state, dataEntryWindows: days === null ? others : { ...others, [periodicity]: days } };
    }
    case 'NumberFormatChosen':
      return { ...state, numberFormat: event.data.numberFormat };
    case 'PerspectiveRenamed': {
      const { code, name } = event.data;
      return { ...state, perspectives: state.perspectives.map((p) => (p.code === code ? { ...p, name } : p)) };
    }
    case 'PerspectiveRetired': {
      const { code } = event.data;
      return { ...state, perspectives: state.perspectives.map((p) => (p.code === code ? { ...p, retired: true as const } : p)) };
    }
    case 'UnitRenamed':
      return withUnit(state, event.data.code, (unit) => ({ ...unit, name: event.data.name }));
    case 'UnitMoved':
      return withUnit(state, event.data.code, (unit) => ({ ...unit, parentCode: event.data.parentCode }));
    case 'UnitRetired':
      return withUnit(state, event.data.code, (unit) => ({ ...unit, retired: true as const }));
  }
};

const withUnit = (state: OpenPlanState, code: string, change: (unit: Unit) => Unit): OpenPlanState => {
  const unit = Object.hasOwn(state.units, code) ? state.units[code] : undefined;
  // A change of a unit the plan never defined cannot be in a valid log.
  if (unit === undefined) return state;
  return { ...state, units: { ...state.units, [code]: change(unit) } };
};

/** The number format a plan's documents are written with. */
export const planNumberFormat = (plan: OpenPlanState): NumberFormat => plan.numberFormat ?? DEFAULT_NUMBER_FORMAT;
