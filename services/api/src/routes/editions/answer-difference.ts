import type { DifferenceCause, DifferenceDocument } from '@semaforo/documents';
import {
  DIFFERENCE_FIELDS,
  EVALUATION_STATUSES,
  PLAN_DIFFERENCE_FIELDS,
  evaluationDifference,
  type Evaluation,
  type EvaluationDifference,
} from '@semaforo/domain';
import { compareLogPositions, formatLogPosition, parseLogPosition, type EventStore, type LogPosition } from '@semaforo/event-store';
import { auditPage, auditTrailAsOf, type AuditEntry } from '@semaforo/projection-audit-trail';
import { evaluationAsOf, evaluationFactsAsOf } from '@semaforo/projection-evaluation-facts';
import { positionKey } from '@semaforo/projector';
import type { AnyKysely } from '@semaforo/sql';
import { z } from 'zod';
import { editionBytes } from './edition-bytes.js';
import { requireEdition } from './edition-view.js';

/** One side of a difference: an edition, a moment, or now. */
export interface DifferenceSide {
  /** The edition number when the side is an edition. */
  readonly edition: number | null;
  readonly position: LogPosition;
  readonly digest: string;
  readonly evaluation: Evaluation;
  /** How a file name shows it: `e2`, `now`, a position. */
  readonly label: string;
}

const EDITION_NUMBER = /^[1-9][0-9]{0,6}$/;

/**
 * `now` (the latest projected evaluation), an edition number (its stored
 * bytes: no evaluation), or a position or instant (the evaluation as of it).
 */
export async function differenceSide(
  deps: { readonly db: AnyKysely; readonly store: EventStore },
  planId: string,
  period: string,
  side: string,
): Promise<DifferenceSide> {
  if (EDITION_NUMBER.test(side)) {
    const edition = await requireEdition(deps.store, planId, period, Number(side));
    const kept = await editionBytes(deps.db, planId, edition);
    return {
      edition: edition.data.edition,
      position: parseLogPosition(edition.data.position)!,
      digest: edition.data.digest,
      // The bytes are the canonical JSON of an Evaluation, checked against their digest.
      evaluation: JSON.parse(kept.text) as Evaluation,
      label: `e${edition.data.edition}`,
    };
  }
  const asOf = side === 'now' ? await bothProjected(deps.db) : side;
  const { position, evaluation, digest } = await evaluationAsOf(deps.db, { planId, period, asOf });
  return { edition: null, position, digest, evaluation, label: side === 'now' ? 'now' : formatLogPosition(position) };
}

/**
 * "Now" for a difference: the latest position both read models it reads have
 * applied, so the events that caused a change are always readable at the
 * position the evaluation is read at (each projection catches up on its own).
 */
async function bothProjected(db: AnyKysely): Promise<string> {
  const [facts, audit] = await Promise.all([evaluationFactsAsOf(db, undefined), auditTrailAsOf(db, undefined)]);
  return formatLogPosition(compareLogPositions(facts.position, audit.position) <= 0 ? facts.position : audit.position);
}

export interface DifferenceAnswer extends DifferenceDocument, Omit<EvaluationDifference, 'indicators'> {
  readonly planId: string;
  readonly period: string;
  readonly from: { readonly edition: number | null; readonly position: string; readonly digest: string };
  readonly to: { readonly edition: number | null; readonly position: string; readonly digest: string };
  /** Changes of the plan itself between the two positions (a scale change moves many statuses at once). */
  readonly planEvents: DifferenceCause[];
}

/**
 * The difference from one side to the other, each changed indicator with
 * the events between the two positions that caused it: its own events for
 * the periods the evaluation counts (and its definition), read from the
 * audit trail as of the later position. Publications are not causes.
 */
export async function answerDifference(db: AnyKysely, planId: string, period: string, from: DifferenceSide, to: DifferenceSide): Promise<DifferenceAnswer> {
  const difference = evaluationDifference(from.evaluation, to.evaluation);
  const periods = new Map<string, Set<string>>();
  for (const evaluation of [from.evaluation, to.evaluation]) {
    for (const indicator of evaluation.indicators) {
      const set = periods.get(indicator.code) ?? new Set<string>();
      for (const p of indicator.periods) set.add(p.period);
      periods.set(indicator.code, set);
    }
  }
  const changed = new Set(difference.indicators.map((d) => d.code));
  const causes = new Map<string, DifferenceCause[]>();
  const planEvents: DifferenceCause[] = [];
  for (const entry of await entriesBetween(db, planId, from.position, to.position)) {
    if (entry.event === 'EvaluationPublished') continue;
    if (entry.indicator === null) {
      planEvents.push(toCause(entry));
    } else if (changed.has(entry.indicator) && (entry.period === null || periods.get(entry.indicator)?.has(entry.period) === true)) {
      const list = causes.get(entry.indicator) ?? [];
      list.push(toCause(entry));
      causes.set(entry.indicator, list);
    }
  }
  const side = (s: DifferenceSide) => ({ edition: s.edition, position: formatLogPosition(s.position), digest: s.digest });
  return {
    planId,
    period,
    from: side(from),
    to: side(to),
    empty: difference.empty,
    indicators: difference.indicators.map((d) => ({ ...d, causes: causes.get(d.code) ?? [] })),
    plan: difference.plan,
    planEvents,
    summary: difference.summary,
  };
}

const PAGE = 1_000;

async function entriesBetween(db: AnyKysely, planId: string, a: LogPosition, b: LogPosition): Promise<AuditEntry[]> {
  const [lo, hi] = compareLogPositions(a, b) <= 0 ? [a, b] : [b, a];
  if (compareLogPositions(lo, hi) === 0) return [];
  const at = await auditTrailAsOf(db, formatLogPosition(hi));
  const entries: AuditEntry[] = [];
  let afterKey: string | null = positionKey(lo);
  while (afterKey !== null) {
    const page = await auditPage(db, at, planId, {}, { afterKey, limit: PAGE });
    entries.push(...page.entries);
    afterKey = page.lastKey;
  }
  return entries;
}

const toCause = (entry: AuditEntry): DifferenceCause => ({
  position: entry.position,
  event: entry.event,
  period: entry.period,
  unit: entry.unit,
  actor: entry.actor,
  recordedAt: entry.recordedAt,
  reason: entry.reason,
  source: entry.source,
});

const percentage = z.object({ exact: z.string(), display: z.string() }).nullable();
const figures = z
  .object({ target: z.string().nullable(), result: z.string().nullable(), compliance: percentage, status: z.enum(EVALUATION_STATUSES) })
  .nullable()
  .describe('Null when the indicator is not in that evaluation (registered later, or retired).');
const counts = z.object({
  planned: z.number().int(),
  due: z.number().int(),
  evaluated: z.number().int(),
  good: z.number().int(),
  regular: z.number().int(),
  critical: z.number().int(),
  notReported: z.number().int(),
  goodShare: percentage,
  regularShare: percentage,
  criticalShare: percentage,
});
const cause = z
  .object({
    position: z.string(),
    event: z.string(),
    period: z.string().nullable(),
    unit: z.string().nullable().describe('The unit the indicator belonged to right after the event.'),
    actor: z.object({ id: z.string(), role: z.string().nullable() }),
    recordedAt: z.string(),
    reason: z.string().nullable(),
    source: z.string(),
  })
  .meta({ id: 'DifferenceCause', description: 'An event between the two positions: who, when, why, from where.' });
const sideSchema = z.object({ edition: z.number().int().nullable(), position: z.string(), digest: z.string() });

export const differenceResponseSchema = z
  .object({
    planId: z.string(),
    period: z.string(),
    from: sideSchema,
    to: sideSchema,
    empty: z.boolean().describe('True exactly when both sides are the same evaluation (the same digest): then `indicators` and `plan` are empty.'),
    indicators: z
      .array(
        z.object({
          code: z.string(),
          name: z.string(),
          perspective: z.string(),
          perspectiveName: z.string(),
          unit: z.string(),
          unitName: z.string(),
          decimals: z.number().int(),
          changed: z.array(z.enum(DIFFERENCE_FIELDS)).describe('What differs: the figures first, then periods, justifications, definition.'),
          before: figures,
          after: figures,
          causes: z.array(cause).describe("The indicator's events between the two positions, in log order."),
        }),
      )
      .describe('Every indicator that differs, ordered by perspective (plan order), unit, code.'),
    plan: z.array(z.enum(PLAN_DIFFERENCE_FIELDS)).describe('What of the plan itself differs.'),
    planEvents: z.array(cause).describe("The plan's own events between the two positions (units, perspectives, scale)."),
    summary: z.object({ before: counts, after: counts }).describe("The plan's counts on either side."),
  })
  .meta({ id: 'EvaluationDifference' });
