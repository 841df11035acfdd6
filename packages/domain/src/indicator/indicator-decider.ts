import { compareRational, decimalEquals, parseDecimal } from '../decimal/index.js';
import { parsePeriod, type Period } from '../period/index.js';
import { dataEntryDeadline, isPast } from '../sign-off/data-entry-deadline.js';
import { lockOn, reopenedFor } from '../sign-off/period-lock.js';
import type { SignOffState } from '../sign-off/sign-off-state.js';
import { requireOpenPlan, unitOf } from '../plan/plan-decider.js';
import type { OpenPlanState, PlanState } from '../plan/plan-state.js';
import { checkPlausibility, type PlausibilityFinding } from '../plausibility/check-plausibility.js';
import { plausibilityRulesInForce } from '../plausibility/plausibility-rules-in-force.js';
import type { PlausibilityRules } from '../plausibility/plausibility-rules.js';
import type { PlausibilityWarning } from '../plausibility/plausibility-warning.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { IndicatorCommand, ReportResult } from './indicator-commands.js';
import type { IndicatorDefinition } from './indicator-definition.js';
import type { DefinitionChanges, IndicatorEvent } from './indicator-events.js';
import { evolveIndicator, initialIndicatorState, type IndicatorState, type RegisteredIndicatorState, type ResultEntry } from './indicator-state.js';

/**
 * An indicator's commands are decided against its own stream, its plan and
 * the plan's sign-off. Only the indicator stream is appended to (with its
 * expected version); the others are read as context. What the indicator
 * relies on in the plan's structure (its year, perspectives, units) is only
 * ever added, so a concurrent change cannot invalidate it; but an approval
 * (a lock) or a data-entry window can, so the append is guarded by the
 * versions of the plan and sign-off streams it was decided on (see
 * `indicatorStream`): it lands only if neither moved meanwhile.
 */
export interface IndicatorContext {
  readonly plan: PlanState;
  readonly signOff: SignOffState;
  /** When the command was received (its metadata's `recordedAt`): the data-entry window is judged at that instant. */
  readonly recordedAt: string;
  readonly indicator: IndicatorState;
}

export const decideIndicator = (command: IndicatorCommand, context: IndicatorContext): IndicatorEvent[] => {
  let events: IndicatorEvent[];
  try {
    events = decideUnlocked(command, context);
  } catch (error) {
    // A locked or closed period says so first: no value there would be accepted, plausible or not.
    if (error instanceof DomainError && error.code === 'IMPLAUSIBLE_RESULT' && command.type === 'ReportResult' && context.indicator.status !== 'absent') {
      assertWritable(context, context.indicator, command.type, command.data.period);
    }
    throw error;
  }
  if (events.length > 0 && (command.type === 'SetTarget' || command.type === 'ReportResult') && context.indicator.status !== 'absent') {
    assertWritable(context, context.indicator, command.type, command.data.period);
  }
  return events;
};

/*
 * A lock refuses what would change a target or a result; a command that
 * changes nothing (the same value again, a retried request) is not a change,
 * so it stays an empty answer. A justification is not locked: it explains a
 * figure without changing it (no target, result, compliance or status moves),
 * and it is often asked for during the review that ends in the approval.
 */
const assertWritable = (
  { plan: planState, signOff, recordedAt }: IndicatorContext,
  indicator: RegisteredIndicatorState,
  type: 'SetTarget' | 'ReportResult',
  period: string,
): void => {
  const { unit } = indicator.definition;
  const lock = lockOn(signOff, unit, period);
  if (lock !== null) {
    throw new DomainError(
      'PERIOD_LOCKED',
      `The ${type === 'SetTarget' ? 'target' : 'result'} of ${indicator.code} for ${period} is locked: unit ${unit} is approved for ${lock.period}. A planner can lift the lock by reopening ${unit} for ${lock.period}.`,
      {
        code: indicator.code,
        period,
        unit,
        lock: { period: lock.period, approvedBy: lock.approval.actor, approvedAt: lock.approval.at },
        liftedBy: { role: 'planner', by: 'ReopenUnitPeriod' },
      },
    );
  }
  if (type !== 'ReportResult') return;
  const plan = requireOpenPlan(planState);
  const deadline = dataEntryDeadline(plan, parsePeriod(period));
  if (deadline !== null && isPast(recordedAt, deadline) && !reopenedFor(signOff, unit, period)) {
    throw new DomainError(
      'DATA_ENTRY_CLOSED',
      `Results for ${period} were accepted until ${deadline}. A planner can accept this one by reopening ${unit} for a period that contains ${period}.`,
      {
        code: indicator.code,
        period,
        unit,
        deadline,
        days: plan.dataEntryWindows?.[indicator.definition.periodicity] ?? null,
        liftedBy: { role: 'planner', by: 'ReopenUnitPeriod' },
      },
    );
  }
};

const decideUnlocked = (command: IndicatorCommand, { plan: planState, indicator }: IndicatorContext): IndicatorEvent[] => {
  const plan = requireOpenPlan(planState);
  const ref = { planId: plan.planId, code: command.data.code };

  if (command.type === 'RegisterIndicator') {
    if (indicator.status !== 'absent') {
      throw new DomainError('DUPLICATE_INDICATOR_CODE', `The plan already has an indicator with code ${ref.code}.`, {
        code: ref.code,
      });
    }
    const { code: _code, ...definition } = command.data;
    assertPlanHasPerspectiveAndUnit(plan, definition);
    assertNotRetired(plan, { perspective: true, unit: true }, definition);
    return [{ type: 'IndicatorRegistered', data: { ...ref, definition } }];
  }

  const current = requireRegistered(indicator, ref.code);
  switch (command.type) {
    case 'AmendIndicator': {
      requireActive(current);
      return decideAmendment(plan, current, command.data.changes);
    }
    case 'RetireIndicator':
      return current.status === 'retired' ? [] : [{ type: 'IndicatorRetired', data: ref }];
    case 'SetTarget': {
      requireActive(current);
      const { period, value, reason } = command.data;
      assertPeriodOfIndicator(plan, current.definition, period);
      const previousValue = current.targets[period];
      if (previousValue === undefined) return [{ type: 'TargetSet', data: { ...ref, period, value } }];
      if (decimalEquals(previousValue, value)) return [];
      requireReason(reason, `Revising the target of ${period} needs a reason.`, { period, change: 'target' });
      return [{ type: 'TargetRevised', data: { ...ref, period, value, previousValue } }];
    }
    case 'ReportResult': {
      requireActive(current);
      assertPeriodOfIndicator(plan, current.definition, command.data.period);
      return decideResult(ref, current, command.data);
    }
    case 'SetPlausibilityRules': {
      requireActive(current);
      const { rules } = command.data;
      assertRulesConsistent(current.code, rules);
      const previous = current.plausibilityRules ?? null;
      if (previous !== null && sameRules(previous, rules)) return [];
      return [{ type: 'PlausibilityRulesSet', data: { ...ref, rules, previous } }];
    }
    case 'AddJustification': {
      const { period, text, reserved, correctiveActions } = command.data;
      assertPeriodOfPlan(plan, period);
      return [
        {
          type: 'JustificationAdded',
          data: {
            ...ref,
            period,
            justificationNumber: current.justificationCount + 1,
            text,
            ...reservedMark(reserved),
            correctiveActions: correctiveActions.map(({ action, owner, dueDate, reserved: actionReserved }) => ({
              action,
              owner,
              dueDate,
              ...reservedMark(actionReserved),
            })),
          },
        },
      ];
    }
  }
};

/** Only a true mark is recorded: a text not marked reads exactly as one written before marking existed. */
const reservedMark = (reserved: boolean | undefined): { reserved?: true } => (reserved === true ? { reserved: true } : {});

/** The indicator aggregate as one value: decided on its own stream, with its plan, its sign-off and the command's instant as context. */
export const indicatorDecider: Decider<IndicatorCommand, IndicatorEvent, IndicatorState, Omit<IndicatorContext, 'indicator'>> = {
  decide: (command, indicator, context) => decideIndicator(command, { ...context, indicator }),
  evolve: evolveIndicator,
  initialState: initialIndicatorState,
};

const decideAmendment = (plan: OpenPlanState, current: RegisteredIndicatorState, changes: DefinitionChanges): IndicatorEvent[] => {
  if (Object.keys(changes).length === 0) {
    throw new DomainError('NOTHING_TO_CHANGE', 'An amendment must name at least one field to change.');
  }
  const before = current.definition as Readonly<Record<string, unknown>>;
  const changed: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const old = before[field] ?? null;
    if (old === value) continue;
    changed[field] = value;
    previous[field] = old;
  }
  if (Object.keys(changed).length === 0) return [];
  const next = { ...current.definition, ...changed };
  assertPlanHasPerspectiveAndUnit(plan, next);
  // An indicator already in a unit or perspective retired since keeps its other amendments; it cannot move into one.
  assertNotRetired(plan, { perspective: 'perspective' in changed, unit: 'unit' in changed }, next);
  const hasFigures = Object.keys(current.targets).length > 0 || Object.keys(current.results).length > 0;
  if ('periodicity' in changed && hasFigures) {
    throw new DomainError(
      'PERIODICITY_LOCKED',
      `The periodicity of ${current.code} cannot change once it has targets or results: their periods would no longer fit.`,
      { code: current.code },
    );
  }
  return [
    {
      type: 'IndicatorAmended',
      data: {
        planId: current.planId,
        code: current.code,
        changes: changed,
        previous,
      },
    },
  ];
};

const decideResult = (ref: { planId: string; code: string }, current: RegisteredIndicatorState, data: ReportResult['data']): IndicatorEvent[] => {
  const { period } = data;
  const existing: ResultEntry | undefined = current.results[period];
  const previousValue = existing?.kind === 'value' ? existing.value : null;

  if ('noData' in data) {
    if (existing?.kind === 'no-data') return [];
    return [{ type: 'NoDataReported', data: { ...ref, period, previousValue } }];
  }

  const { value, numerator, denominator, reason } = data;
  if ((numerator === undefined) !== (denominator === undefined)) {
    throw new DomainError('INCOMPLETE_RATIO', 'Give both the numerator and the denominator, or neither.', { period });
  }
  const ratio = numerator !== undefined && denominator !== undefined ? { numerator, denominator } : {};
  if (existing?.kind === 'value' && sameResult(existing, value, numerator, denominator)) return [];
  if (existing !== undefined) requireReason(reason, `Correcting the result of ${period} needs a reason.`, { period, change: 'result' });
  const warned = plausibilityWarnings(current, period, { value, ...ratio });
  if (existing === undefined) return [{ type: 'ResultReported', data: { ...ref, period, value, ...ratio, ...warned } }];
  return [{ type: 'ResultCorrected', data: { ...ref, period, value, ...ratio, previousValue, ...warned } }];
};

/**
 * Refuses a result that breaks a rule at level `refuse` (the first one, in
 * the rules' order); otherwise the `warn` rules it breaks, to be stored with
 * it. Judged when written, against the rules then in force: a later change of
 * the rules never rewrites an old result's warnings.
 */
const plausibilityWarnings = (
  current: RegisteredIndicatorState,
  period: string,
  figures: { value: string; numerator?: string; denominator?: string },
): { warnings?: PlausibilityWarning[] } => {
  const { measure, decimals } = current.definition;
  const findings = checkPlausibility(plausibilityRulesInForce(measure, current.plausibilityRules), figures, decimals);
  const refusal = findings.find((finding) => finding.level === 'refuse');
  if (refusal !== undefined) throw implausible(current.code, period, figures, refusal);
  const warnings = findings.map(({ level: _level, ...finding }): PlausibilityWarning => ({ ...finding, level: 'warn' }));
  return warnings.length === 0 ? {} : { warnings };
};

const implausible = (
  code: string,
  period: string,
  figures: { value: string; numerator?: string; denominator?: string },
  { rule, bound, expected, scale }: PlausibilityFinding,
): DomainError => {
  const { value, numerator, denominator } = figures;
  const message =
    rule === 'minimum'
      ? `The result ${value} of ${code} for ${period} is below its minimum ${bound}.`
      : rule === 'maximum'
        ? `The result ${value} of ${code} for ${period} is above its maximum ${bound}.`
        : expected === undefined
          ? `The result ${value} of ${code} for ${period} has a zero denominator: it cannot be ${numerator} / ${denominator} × ${scale}.`
          : `The result ${value} of ${code} for ${period} is not ${numerator} / ${denominator} × ${scale} = ${expected}.`;
  return new DomainError('IMPLAUSIBLE_RESULT', message, {
    code,
    period,
    rule,
    value,
    ...(bound === undefined ? {} : { bound }),
    ...(numerator === undefined ? {} : { numerator, denominator, scale }),
    ...(expected === undefined ? {} : { expected }),
  });
};

const assertRulesConsistent = (code: string, { minimum, maximum }: PlausibilityRules): void => {
  if (minimum !== undefined && maximum !== undefined && compareRational(parseDecimal(minimum.value), parseDecimal(maximum.value)) > 0) {
    throw new DomainError(
      'INVALID_PLAUSIBILITY_RULES',
      `The minimum ${minimum.value} of ${code} is above its maximum ${maximum.value}: no result could pass.`,
      {
        code,
        minimum: minimum.value,
        maximum: maximum.value,
      },
    );
  }
};

/** The same rules spelled differently ("1.50", "1.5") are the same rules: setting them again changes nothing. */
const sameRules = (a: PlausibilityRules, b: PlausibilityRules): boolean => {
  const sameBound = (x: { value: string; level: string } | undefined, y: { value: string; level: string } | undefined): boolean =>
    x === undefined || y === undefined ? x === y : x.level === y.level && decimalEquals(x.value, y.value);
  const ratioA = a.ratioCheck;
  const ratioB = b.ratioCheck;
  const sameRatio =
    ratioA === undefined || ratioB === undefined ? ratioA === ratioB : ratioA.level === ratioB.level && decimalEquals(ratioA.scale, ratioB.scale);
  return sameBound(a.minimum, b.minimum) && sameBound(a.maximum, b.maximum) && sameRatio;
};

const sameResult = (
  existing: Extract<ResultEntry, { kind: 'value' }>,
  value: string,
  numerator: string | undefined,
  denominator: string | undefined,
): boolean =>
  decimalEquals(existing.value, value) && optionalDecimalEquals(existing.numerator, numerator) && optionalDecimalEquals(existing.denominator, denominator);

const optionalDecimalEquals = (a: string | undefined, b: string | undefined): boolean => (a === undefined || b === undefined ? a === b : decimalEquals(a, b));

const requireRegistered = (indicator: IndicatorState, code: string): RegisteredIndicatorState => {
  if (indicator.status === 'absent') {
    throw new DomainError('INDICATOR_NOT_FOUND', `The plan has no indicator with code ${code}.`, { code });
  }
  return indicator;
};

const requireActive = (indicator: RegisteredIndicatorState): void => {
  if (indicator.status === 'retired') {
    throw new DomainError('INDICATOR_RETIRED', `The indicator ${indicator.code} is retired and takes no more changes.`, {
      code: indicator.code,
    });
  }
};

const requireReason = (reason: string | undefined, message: string, params: { period: string; change: 'target' | 'result' }): void => {
  if (reason === undefined) throw new DomainError('REASON_REQUIRED', message, {}, params);
};

const assertPlanHasPerspectiveAndUnit = (plan: OpenPlanState, definition: Pick<IndicatorDefinition, 'perspective' | 'unit'>): void => {
  if (!plan.perspectives.some((p) => p.code === definition.perspective)) {
    throw new DomainError('UNKNOWN_PERSPECTIVE', `The plan has no perspective ${definition.perspective}.`, {
      perspective: definition.perspective,
      known: plan.perspectives.map((p) => p.code),
    });
  }
  if (!plan.units[definition.unit]) {
    throw new DomainError('UNKNOWN_UNIT', `The plan has no unit ${definition.unit}; define it first.`, {
      unit: definition.unit,
    });
  }
};

const assertNotRetired = (
  plan: OpenPlanState,
  check: { perspective: boolean; unit: boolean },
  definition: Pick<IndicatorDefinition, 'perspective' | 'unit'>,
): void => {
  if (check.perspective && plan.perspectives.find((p) => p.code === definition.perspective)?.retired === true) {
    throw new DomainError('PERSPECTIVE_RETIRED', `The perspective ${definition.perspective} is retired: no indicator can be assigned to it.`, {
      code: definition.perspective,
    });
  }
  if (check.unit && unitOf(plan, definition.unit)?.retired === true) {
    throw new DomainError('UNIT_RETIRED', `The unit ${definition.unit} is retired: no indicator can be assigned to it.`, { code: definition.unit });
  }
};

const assertPeriodOfPlan = (plan: OpenPlanState, periodId: string): Period => {
  const period = parsePeriod(periodId);
  if (period.year !== plan.fiscalYear) {
    throw new DomainError('PERIOD_OUTSIDE_PLAN_YEAR', `The period ${periodId} is outside the plan's fiscal year ${plan.fiscalYear}.`, {
      period: periodId,
      fiscalYear: plan.fiscalYear,
    });
  }
  return period;
};

const assertPeriodOfIndicator = (plan: OpenPlanState, definition: IndicatorDefinition, periodId: string): void => {
  const period = assertPeriodOfPlan(plan, periodId);
  if (period.periodicity !== definition.periodicity) {
    throw new DomainError('PERIOD_NOT_OF_PERIODICITY', `The period ${periodId} is ${period.periodicity}, but the indicator is ${definition.periodicity}.`, {
      period: periodId,
      periodicity: definition.periodicity,
    });
  }
};
