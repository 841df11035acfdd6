import type { EvaluationScale } from '../compliance/index.js';
import type { IndicatorCommand } from '../indicator/indicator-commands.js';
import { decideIndicator } from '../indicator/indicator-decider.js';
import type { IndicatorDefinition } from '../indicator/indicator-definition.js';
import type { CorrectiveAction } from '../indicator/indicator-events.js';
import { evolveIndicator, initialIndicatorState, type IndicatorState } from '../indicator/indicator-state.js';
import type { PlanCommand } from '../plan/plan-commands.js';
import { decidePlan } from '../plan/plan-decider.js';
import { evolvePlan, initialPlanState, type PlanState } from '../plan/plan-state.js';
import type { Perspective } from '../plan/plan-vocabulary.js';
import { initialSignOffState } from '../sign-off/sign-off-state.js';
import type { PlanLogEvent } from './fold-plan-facts.js';
import { foldPlanFacts } from './fold-plan-facts.js';
import type { PlanFacts } from './plan-facts.js';

/**
 * A plan's log built the way production builds it: every fact is a command
 * decided by the real deciders against the state so far, so tests can only
 * describe histories the write side would accept. Timestamps are a counter,
 * not the clock: one minute apart from a fixed instant.
 */
export interface PlanLog {
  readonly events: readonly PlanLogEvent[];
  readonly planState: () => PlanState;
  readonly indicatorState: (code: string) => IndicatorState;
  readonly plan: (command: PlanCommand, actor?: string) => PlanLog;
  readonly indicator: (command: IndicatorCommand, actor?: string) => PlanLog;
  readonly register: (code: string, definition?: Partial<IndicatorDefinition>) => PlanLog;
  readonly unit: (code: string, parentCode?: string) => PlanLog;
  readonly target: (code: string, period: string, value: string) => PlanLog;
  readonly result: (code: string, period: string, value: string) => PlanLog;
  readonly noData: (code: string, period: string) => PlanLog;
  readonly justify: (code: string, period: string, text: string, correctiveActions?: CorrectiveAction[]) => PlanLog;
  readonly retire: (code: string) => PlanLog;
  /** Targets and results for several periods at once: `[period, target, result]`, `null` leaves one out. */
  readonly figures: (code: string, rows: ReadonlyArray<readonly [string, string | null, string | null]>) => PlanLog;
  readonly facts: () => PlanFacts;
}

export interface PlanLogOptions {
  readonly fiscalYear?: number;
  readonly evaluationScale?: EvaluationScale;
  readonly perspectives?: readonly Perspective[];
}

export const FISCAL_YEAR = 2023;

export const DEFAULT_PERSPECTIVES: readonly Perspective[] = [
  { code: 'usuarios', name: 'Persona Usuaria' },
  { code: 'financiera', name: 'Financiera' },
];

export const aDefinition = (overrides: Partial<IndicatorDefinition> = {}): IndicatorDefinition => ({
  name: 'Indicador',
  kind: 'result',
  perspective: 'usuarios',
  unit: 'DIR',
  measure: 'count',
  periodicity: 'quarterly',
  polarity: 'higher-is-better',
  accumulation: 'sum',
  formula: 'Casos atendidos',
  ...overrides,
});

/** An open plan for `FISCAL_YEAR` with two perspectives and one top-level unit `DIR`. */
export function aPlanLog(options: PlanLogOptions = {}): PlanLog {
  const events: PlanLogEvent[] = [];
  let planState: PlanState = initialPlanState();
  const indicators = new Map<string, IndicatorState>();
  const startedAt = Date.UTC(2023, 0, 2, 12, 0, 0);

  const record = (type: string, data: unknown, actor: string) =>
    events.push({
      type,
      data,
      metadata: { recordedAt: new Date(startedAt + events.length * 60_000).toISOString(), actor: { id: actor } },
    });

  const log: PlanLog = {
    events,
    planState: () => planState,
    indicatorState: (code) => indicators.get(code) ?? initialIndicatorState(),
    plan: (command, actor = 'planner') => {
      for (const event of decidePlan(command, planState)) {
        planState = evolvePlan(planState, event);
        record(event.type, event.data, actor);
      }
      return log;
    },
    indicator: (command, actor = 'planner') => {
      const code = command.data.code;
      let state = log.indicatorState(code);
      for (const event of decideIndicator(command, {
        plan: planState,
        signOff: initialSignOffState(),
        recordedAt: new Date(startedAt + events.length * 60_000).toISOString(),
        indicator: state,
      })) {
        state = evolveIndicator(state, event);
        record(event.type, event.data, actor);
      }
      indicators.set(code, state);
      return log;
    },
    register: (code, definition) => log.indicator({ type: 'RegisterIndicator', data: { code, ...aDefinition(definition) } }),
    unit: (code, parentCode) =>
      log.plan({
        type: 'DefineUnit',
        data: { code, name: `Unidad ${code}`, areaClass: 'administrative', ...(parentCode === undefined ? {} : { parentCode }) },
      }),
    target: (code, period, value) => {
      const revision = log.indicatorState(code);
      const reason = revision.status !== 'absent' && revision.targets[period] !== undefined ? { reason: 'Reprogramación' } : {};
      return log.indicator({ type: 'SetTarget', data: { code, period, value, ...reason } });
    },
    result: (code, period, value) => {
      const current = log.indicatorState(code);
      const reason = current.status !== 'absent' && current.results[period] !== undefined ? { reason: 'Corrección' } : {};
      return log.indicator({ type: 'ReportResult', data: { code, period, value, ...reason } }, 'unit-staff');
    },
    noData: (code, period) => log.indicator({ type: 'ReportResult', data: { code, period, noData: true, reason: 'Sin información' } }, 'unit-staff'),
    justify: (code, period, text, correctiveActions = []) =>
      log.indicator({ type: 'AddJustification', data: { code, period, text, correctiveActions } }, 'unit-head'),
    retire: (code) => log.indicator({ type: 'RetireIndicator', data: { code, reason: 'Ya no aplica' } }),
    figures: (code, rows) => {
      for (const [period, target, result] of rows) {
        if (target !== null) log.target(code, period, target);
        if (result !== null) log.result(code, period, result);
      }
      return log;
    },
    facts: () => {
      const facts = foldPlanFacts(events);
      if (facts === null) throw new Error('the plan was never opened');
      return facts;
    },
  };

  log.plan({
    type: 'OpenPlan',
    data: {
      institutionId: 'upisss',
      fiscalYear: options.fiscalYear ?? FISCAL_YEAR,
      fiscalYearStartMonth: 1,
      name: `PAT ${options.fiscalYear ?? FISCAL_YEAR}`,
      perspectives: [...(options.perspectives ?? DEFAULT_PERSPECTIVES)],
      ...(options.evaluationScale === undefined ? {} : { evaluationScale: options.evaluationScale }),
    },
  });
  log.unit('DIR');
  return log;
}
