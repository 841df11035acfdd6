import {
  INDICATOR_DEFINITION_FIELDS,
  INDICATOR_EVENT_TYPES,
  PLAN_EVENT_TYPES,
  PUBLICATION_EVENT_TYPES,
  SIGN_OFF_EVENT_TYPES,
  type IndicatorEvent,
  type NumberFormat,
  type PlanEvent,
  type PlausibilityRules,
  type PlausibilityWarning,
  type PublicationEvent,
  type SignOffEvent,
} from '@semaforo/domain';
import { NO_DATA, type AuditChange } from './audit-change.js';

/**
 * The event types the audit trail records: everything that shapes a plan,
 * who signed off what, and every edition published of it. Sign-off and
 * publication events were added without a new projection version: no log
 * written before them holds one, so a read model built before is the one a
 * rebuild gives now.
 */
export const AUDITED_EVENT_TYPES: readonly string[] = [...PLAN_EVENT_TYPES, ...INDICATOR_EVENT_TYPES, ...SIGN_OFF_EVENT_TYPES, ...PUBLICATION_EVENT_TYPES];

const SIGN_OFF_TYPES: ReadonlySet<string> = new Set(SIGN_OFF_EVENT_TYPES);

const AUDITED: ReadonlySet<string> = new Set(AUDITED_EVENT_TYPES);

/** A result as the audit trail remembers it, to tell what a correction replaced. */
export interface ResultSnapshot {
  /** The reported decimal, or `NO_DATA`. */
  readonly value: string;
  readonly numerator: string | null;
  readonly denominator: string | null;
}

/**
 * What the trail knows from earlier events, which later events do not
 * repeat: an indicator's responsible unit (a target carries no unit) and a
 * period's ratio (a correction carries the previous value, not the previous
 * numerator and denominator).
 */
export interface KnownBefore {
  unitOf(planId: string, code: string): string | null;
  resultOf(planId: string, code: string, period: string): ResultSnapshot | undefined;
}

/** An event turned into what one audit row says about it, beside who / when / why (the metadata). */
export interface DescribedEvent {
  readonly planId: string;
  /** Null for plan events. */
  readonly indicatorCode: string | null;
  /**
   * The unit the event belongs to: an indicator's responsible unit right after
   * the event, the unit itself for `UnitDefined` and the unit's renaming, move and retirement, null for other plan events.
   */
  readonly unitCode: string | null;
  /** The unit an amendment moved the indicator away from, so that unit's trail shows it leaving. */
  readonly previousUnitCode: string | null;
  readonly period: string | null;
  /** For targets and results: the value before and after, as in `AuditChange`. */
  readonly before: string | null;
  readonly after: string | null;
  /** For results: the ratio reported with the new value. */
  readonly numerator: string | null;
  readonly denominator: string | null;
  readonly changes: readonly AuditChange[];
}

/** The event as the projection receives it; its data was validated by the decider that wrote it. */
export interface AuditableEvent {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Pure: one event and what came before it → its audit description. Throws
 * on a type the trail does not audit (the projection never passes one).
 */
export function describeEvent(event: AuditableEvent, known: KnownBefore): DescribedEvent {
  if (!AUDITED.has(event.type)) throw new Error(`the audit trail does not describe ${event.type} events`);
  // The write side validated this data against the same schemas before appending it; parsing every
  // event again with zod would halve the rebuild speed for no safety gained.
  if (SIGN_OFF_TYPES.has(event.type)) return describeSignOffEvent({ type: event.type, data: event.data } as SignOffEvent);
  const typed = { type: event.type, data: event.data } as PlanEvent | IndicatorEvent | PublicationEvent;
  switch (typed.type) {
    case 'EvaluationPublished':
      return describePublication(typed);
    case 'PlanOpened':
    case 'PerspectiveAdded':
    case 'UnitDefined':
    case 'EvaluationScaleChanged':
    case 'DataEntryWindowSet':
    case 'NumberFormatChosen':
    case 'PerspectiveRenamed':
    case 'PerspectiveRetired':
    case 'UnitRenamed':
    case 'UnitMoved':
    case 'UnitRetired':
      return describePlanEvent(typed);
    default:
      return describeIndicatorEvent(typed, known);
  }
}

const EMPTY = {
  indicatorCode: null,
  unitCode: null,
  previousUnitCode: null,
  period: null,
  before: null,
  after: null,
  numerator: null,
  denominator: null,
} as const;

function describePlanEvent(event: PlanEvent): DescribedEvent {
  const planId = event.data.planId;
  switch (event.type) {
    case 'PlanOpened': {
      const { institutionId, fiscalYear, fiscalYearStartMonth, name, perspectives, evaluationScale, evaluationMethod } = event.data;
      return {
        ...EMPTY,
        planId,
        changes: [
          set('institutionId', institutionId),
          set('fiscalYear', String(fiscalYear)),
          set('fiscalYearStartMonth', String(fiscalYearStartMonth)),
          set('name', name),
          ...perspectives.flatMap((p, i) => [set(`perspectives[${i}].code`, p.code), set(`perspectives[${i}].name`, p.name)]),
          set('evaluationScale.criticalBelow', evaluationScale.criticalBelow),
          set('evaluationScale.goodAbove', evaluationScale.goodAbove),
          set('evaluationMethod', evaluationMethod),
        ],
      };
    }
    case 'PerspectiveAdded':
      return {
        ...EMPTY,
        planId,
        changes: [set('perspective.code', event.data.perspective.code), set('perspective.name', event.data.perspective.name)],
      };
    case 'UnitDefined': {
      const { code, name, parentCode, areaClass } = event.data;
      return {
        ...EMPTY,
        planId,
        unitCode: code,
        changes: [set('code', code), set('name', name), ...(parentCode === null ? [] : [set('parentCode', parentCode)]), set('areaClass', areaClass)],
      };
    }
    case 'EvaluationScaleChanged': {
      const { evaluationScale: after, previousEvaluationScale: before } = event.data;
      const all = [
        change('evaluationScale.criticalBelow', before.criticalBelow, after.criticalBelow),
        change('evaluationScale.goodAbove', before.goodAbove, after.goodAbove),
      ];
      const changed = all.filter((c) => c.before !== c.after);
      return { ...EMPTY, planId, changes: changed.length > 0 ? changed : all };
    }
    case 'DataEntryWindowSet': {
      const { periodicity, days, previousDays } = event.data;
      return {
        ...EMPTY,
        planId,
        changes: [change(`dataEntryWindow.${periodicity}`, previousDays === null ? null : String(previousDays), days === null ? null : String(days))],
      };
    }
    case 'NumberFormatChosen': {
      const { numberFormat: after, previousNumberFormat: before } = event.data;
      const all = NUMBER_FORMAT_FIELDS.map((field) => change(`numberFormat.${field}`, before[field], after[field]));
      const changed = all.filter((c) => c.before !== c.after);
      return { ...EMPTY, planId, changes: changed.length > 0 ? changed : all };
    }
    // A perspective has no column of its own in the trail: its code names the field, as `dataEntryWindow.<periodicity>` does.
    case 'PerspectiveRenamed': {
      const { code, name, previousName } = event.data;
      return { ...EMPTY, planId, changes: [change(`perspective.${code}.name`, previousName, name)] };
    }
    case 'PerspectiveRetired':
      return { ...EMPTY, planId, changes: [change(`perspective.${event.data.code}.retired`, null, 'true')] };
    case 'UnitRenamed': {
      const { code, name, previousName } = event.data;
      return { ...EMPTY, planId, unitCode: code, changes: [change('name', previousName, name)] };
    }
    case 'UnitMoved': {
      const { code, parentCode, previousParentCode } = event.data;
      return { ...EMPTY, planId, unitCode: code, changes: [change('parentCode', previousParentCode, parentCode)] };
    }
    case 'UnitRetired':
      return { ...EMPTY, planId, unitCode: event.data.code, changes: [change('retired', null, 'true')] };
  }
}

/** An edition: which, of what, with which units still unapproved; who, when and why are the row's metadata. */
function describePublication(event: PublicationEvent): DescribedEvent {
  const { planId, period, edition, position, digest, method, unapprovedUnits } = event.data;
  return {
    ...EMPTY,
    planId,
    period,
    changes: [
      { field: 'edition', period, before: null, after: String(edition) },
      { field: 'position', period, before: null, after: position },
      { field: 'digest', period, before: null, after: digest },
      { field: 'method', period, before: null, after: method },
      ...unapprovedUnits.map((unit, i) => ({ field: `unapprovedUnits[${i}]`, period, before: null, after: unit })),
    ],
  };
}

const NUMBER_FORMAT_FIELDS = ['decimalSeparator', 'thousandsSeparator', 'percentStyle', 'currencySymbol'] as const satisfies readonly (keyof NumberFormat)[];

function describeIndicatorEvent(event: IndicatorEvent, known: KnownBefore): DescribedEvent {
  const { planId, code } = event.data;
  const base = { ...EMPTY, planId, indicatorCode: code, unitCode: known.unitOf(planId, code) };
  switch (event.type) {
    case 'IndicatorRegistered': {
      const definition = event.data.definition as Readonly<Record<string, unknown>>;
      const changes = INDICATOR_DEFINITION_FIELDS.filter((field) => definition[field] !== undefined).map((field) =>
        change(field, null, text(definition[field])),
      );
      return { ...base, unitCode: event.data.definition.unit, changes };
    }
    case 'IndicatorAmended': {
      const changes = event.data.changes as Readonly<Record<string, unknown>>;
      const previous = event.data.previous as Readonly<Record<string, unknown>>;
      const described = INDICATOR_DEFINITION_FIELDS.filter((field) => changes[field] !== undefined).map((field) =>
        change(field, text(previous[field]), text(changes[field])),
      );
      const newUnit = event.data.changes.unit;
      const moved = newUnit !== undefined && newUnit !== base.unitCode;
      return {
        ...base,
        ...(moved ? { unitCode: newUnit, previousUnitCode: event.data.previous.unit ?? base.unitCode } : {}),
        changes: described,
      };
    }
    case 'IndicatorRetired':
      return { ...base, changes: [change('status', 'active', 'retired')] };
    case 'TargetSet':
    case 'TargetRevised': {
      const { period, value } = event.data;
      const before = event.type === 'TargetRevised' ? event.data.previousValue : null;
      return { ...base, period, before, after: value, changes: [{ field: 'target', period, before, after: value }] };
    }
    case 'ResultReported':
    case 'ResultCorrected': {
      const { period, value } = event.data;
      const numerator = event.data.numerator ?? null;
      const denominator = event.data.denominator ?? null;
      const earlier = known.resultOf(planId, code, period);
      // The event's own `previousValue` is authoritative; a null one on a correction means "no data" was reported.
      const before = event.type === 'ResultCorrected' ? (event.data.previousValue ?? NO_DATA) : null;
      return {
        ...base,
        period,
        before,
        after: value,
        numerator,
        denominator,
        changes: [
          { field: 'result', period, before, after: value },
          ...ratioChanges(period, earlier, numerator, denominator),
          ...warningChanges(period, event.data.warnings),
        ],
      };
    }
    case 'NoDataReported': {
      const { period, previousValue } = event.data;
      const earlier = known.resultOf(planId, code, period);
      return {
        ...base,
        period,
        before: previousValue,
        after: NO_DATA,
        changes: [{ field: 'result', period, before: previousValue, after: NO_DATA }, ...ratioChanges(period, earlier, null, null)],
      };
    }
    case 'JustificationAdded': {
      const { period, justificationNumber, text: body, reserved, correctiveActions } = event.data;
      // A reserved text is told here in full with its mark: the trail is for those who answer for it (admins, auditors);
      // only a report's public version omits it. The mark's row appears only when set, so older rows keep their shape.
      return {
        ...base,
        period,
        changes: [
          { field: 'justificationNumber', period, before: null, after: String(justificationNumber) },
          { field: 'justification', period, before: null, after: body },
          ...(reserved === true ? [{ field: 'justification.reserved', period, before: null, after: 'true' }] : []),
          ...correctiveActions.flatMap((action, i) => [
            { field: `correctiveActions[${i}].action`, period, before: null, after: action.action },
            { field: `correctiveActions[${i}].owner`, period, before: null, after: action.owner },
            { field: `correctiveActions[${i}].dueDate`, period, before: null, after: action.dueDate },
            ...(action.reserved === true ? [{ field: `correctiveActions[${i}].reserved`, period, before: null, after: 'true' }] : []),
          ]),
        ],
      };
    }
    case 'PlausibilityRulesSet': {
      const { rules, previous } = event.data;
      // Before the first set, the measure's defaults applied: told as such rather than as nothing.
      const all = PLAUSIBILITY_RULE_FIELDS.map((field) =>
        change(`plausibilityRules.${field}`, previous === null ? 'default' : ruleText(previous, field), ruleText(rules, field)),
      );
      const changed = all.filter((c) => c.before !== c.after);
      return { ...base, changes: changed.length > 0 ? changed : all };
    }
  }
}

const PLAUSIBILITY_RULE_FIELDS = ['minimum', 'maximum', 'ratioCheck'] as const satisfies readonly (keyof PlausibilityRules)[];

/** "0 (warn)", "× 100 (refuse)", or null when the rule is not set. */
function ruleText(rules: PlausibilityRules, field: (typeof PLAUSIBILITY_RULE_FIELDS)[number]): string | null {
  if (field === 'ratioCheck') return rules.ratioCheck === undefined ? null : `× ${rules.ratioCheck.scale} (${rules.ratioCheck.level})`;
  const rule = rules[field];
  return rule === undefined ? null : `${rule.value} (${rule.level})`;
}

/** The warnings a result was stored with, one row: present only when there are some, so older rows keep their shape. */
function warningChanges(period: string, warnings: readonly PlausibilityWarning[] | undefined): AuditChange[] {
  if (warnings === undefined || warnings.length === 0) return [];
  const told = warnings.map(({ rule, bound, expected }) =>
    rule === 'ratioCheck' ? `ratioCheck ${expected ?? 'zero denominator'}` : `${rule} ${bound ?? ''}`.trim(),
  );
  return [{ field: 'warnings', period, before: null, after: told.join('; ') }];
}

/**
 * A sign-off transition: the unit it is about (the unit itself, as the
 * event names it), the period, the status before → after, and its comment
 * or reason. Who and when are the row's metadata, as for every event.
 */
function describeSignOffEvent(event: SignOffEvent): DescribedEvent {
  const { planId, period, unit } = event.data;
  const base = { ...EMPTY, planId, unitCode: unit, period };
  const status = (before: string | null, after: string): AuditChange => ({ field: 'signOff', period, before, after });
  const text = (field: 'comment' | 'reason', value: string | undefined): AuditChange[] =>
    value === undefined ? [] : [{ field, period, before: null, after: value }];
  switch (event.type) {
    case 'UnitPeriodSubmitted':
      return { ...base, changes: [status(event.data.previousStatus, 'submitted'), ...text('comment', event.data.comment)] };
    case 'UnitPeriodApproved':
      return { ...base, changes: [status('submitted', 'approved'), ...text('comment', event.data.comment)] };
    case 'UnitPeriodReturned':
      return { ...base, changes: [status('submitted', 'returned'), ...text('comment', event.data.comment)] };
    case 'UnitPeriodUnapproved':
      return { ...base, changes: [status('approved', 'submitted'), ...text('reason', event.data.reason)] };
    case 'UnitPeriodReopened': {
      const { previousStatus, reason } = event.data;
      return {
        ...base,
        changes: [
          status(previousStatus, previousStatus === 'approved' ? 'open' : previousStatus),
          { field: 'reopened', period, before: null, after: 'true' },
          ...text('reason', reason),
        ],
      };
    }
  }
}

/** The numerator and denominator, when either side of the change has them and they differ. */
function ratioChanges(period: string, earlier: ResultSnapshot | undefined, numerator: string | null, denominator: string | null): AuditChange[] {
  const changes: AuditChange[] = [];
  const beforeNumerator = earlier?.numerator ?? null;
  const beforeDenominator = earlier?.denominator ?? null;
  if (beforeNumerator !== numerator) changes.push({ field: 'numerator', period, before: beforeNumerator, after: numerator });
  if (beforeDenominator !== denominator) changes.push({ field: 'denominator', period, before: beforeDenominator, after: denominator });
  return changes;
}

const set = (field: string, after: string): AuditChange => ({ field, before: null, after });
const change = (field: string, before: string | null, after: string | null): AuditChange => ({ field, before, after });

/** Definition values are strings, small integers or null (a cleared optional field). */
function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
