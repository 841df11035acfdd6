import type { DefinitionChanges, IndicatorEvent } from './indicator-events.js';
import type { PlausibilityRules } from '../plausibility/plausibility-rules.js';
import type { PlausibilityWarning } from '../plausibility/plausibility-warning.js';
import type { IndicatorDefinition } from './indicator-definition.js';

export type ResultEntry =
  | {
      readonly kind: 'value';
      readonly value: string;
      readonly numerator?: string;
      readonly denominator?: string;
      readonly warnings?: readonly PlausibilityWarning[];
    }
  | { readonly kind: 'no-data' };

export type IndicatorState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active' | 'retired';
      readonly planId: string;
      readonly code: string;
      readonly definition: IndicatorDefinition;
      /** Current target per period id. */
      readonly targets: Readonly<Record<string, string>>;
      /** Current result per period id. */
      readonly results: Readonly<Record<string, ResultEntry>>;
      readonly justificationCount: number;
      /** Set explicitly; absent: the defaults of its measure apply (`plausibilityRulesInForce`). */
      readonly plausibilityRules?: PlausibilityRules;
    };

export type RegisteredIndicatorState = Extract<IndicatorState, { status: 'active' | 'retired' }>;

export const initialIndicatorState = (): IndicatorState => ({ status: 'absent' });

export const evolveIndicator = (state: IndicatorState, event: IndicatorEvent): IndicatorState => {
  if (event.type === 'IndicatorRegistered') {
    const { planId, code, definition } = event.data;
    return { status: 'active', planId, code, definition, targets: {}, results: {}, justificationCount: 0 };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'IndicatorAmended':
      return { ...state, definition: applyDefinitionChanges(state.definition, event.data.changes) };
    case 'IndicatorRetired':
      return { ...state, status: 'retired' };
    case 'TargetSet':
    case 'TargetRevised':
      return { ...state, targets: { ...state.targets, [event.data.period]: event.data.value } };
    case 'ResultReported':
    case 'ResultCorrected': {
      const { period, value, numerator, denominator, warnings } = event.data;
      const entry: ResultEntry = {
        kind: 'value',
        value,
        ...(numerator !== undefined && denominator !== undefined ? { numerator, denominator } : {}),
        ...(warnings === undefined ? {} : { warnings }),
      };
      return { ...state, results: { ...state.results, [period]: entry } };
    }
    case 'NoDataReported':
      return { ...state, results: { ...state.results, [event.data.period]: { kind: 'no-data' } } };
    case 'JustificationAdded':
      return { ...state, justificationCount: event.data.justificationNumber };
    case 'PlausibilityRulesSet':
      return { ...state, plausibilityRules: event.data.rules };
  }
};

/** Applies amended fields; `null` removes an optional field. */
export const applyDefinitionChanges = (definition: IndicatorDefinition, changes: DefinitionChanges): IndicatorDefinition => {
  const next: Record<string, unknown> = { ...definition };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next as IndicatorDefinition;
};
