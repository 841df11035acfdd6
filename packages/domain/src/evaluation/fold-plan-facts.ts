import type { z } from 'zod';
import { INDICATOR_EVENT_TYPES, indicatorEventSchema } from '../indicator/indicator-events.js';
import { evolveIndicator, initialIndicatorState, type IndicatorState } from '../indicator/indicator-state.js';
import { PLAN_EVENT_TYPES, planEventSchema } from '../plan/plan-events.js';
import { evolvePlan, initialPlanState, type PlanState } from '../plan/plan-state.js';
import { compareCodes, type IndicatorFacts, type JustificationFact, type PlanFacts } from './plan-facts.js';

/** An event as the store hands it back: the payload is not trusted to have any shape until parsed. */
export interface PlanLogEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly recordedAt: string; readonly actor: { readonly id: string } };
}

const PLAN_TYPES: ReadonlySet<string> = new Set(PLAN_EVENT_TYPES);
const INDICATOR_TYPES: ReadonlySet<string> = new Set(INDICATOR_EVENT_TYPES);

/**
 * The in-memory evaluator's first half: folds one plan's events (its plan
 * stream and its indicator streams, in log order) into the facts an
 * evaluation reads, with the deciders' own `evolve` functions so that "what
 * the write side knows" and "what the evaluation reads" cannot drift.
 * Justification details, which the write side does not keep, are added here.
 *
 * Null when the plan has not been opened yet (an as-of before its first
 * event). Event types it does not know (say, a publication recorded in the
 * plan stream) do not shape an evaluation and are skipped. A known event that
 * does not parse, or that belongs to another plan, means the caller read the
 * wrong log: that throws rather than evaluating something else.
 */
export function foldPlanFacts(events: readonly PlanLogEvent[]): PlanFacts | null {
  let plan: PlanState = initialPlanState();
  const indicators = new Map<string, { state: IndicatorState; justifications: JustificationFact[] }>();

  for (const event of events) {
    // Who may write, and until when, does not shape what an evaluation reads (the read model skips it too).
    if (event.type === 'DataEntryWindowSet') continue;
    // Rules judge a result when it is written (its warnings travel with it); they shape no evaluation.
    if (event.type === 'PlausibilityRulesSet') continue;
    if (PLAN_TYPES.has(event.type)) {
      const parsed = parseEvent(planEventSchema, event);
      if (plan.status === 'open') assertSamePlan(plan.planId, parsed.data.planId, event.type);
      plan = evolvePlan(plan, parsed);
    } else if (INDICATOR_TYPES.has(event.type)) {
      const parsed = parseEvent(indicatorEventSchema, event);
      if (plan.status !== 'open') {
        throw new Error(`the log has a ${event.type} event before its plan was opened`);
      }
      assertSamePlan(plan.planId, parsed.data.planId, event.type);
      const entry = indicators.get(parsed.data.code) ?? { state: initialIndicatorState(), justifications: [] };
      entry.state = evolveIndicator(entry.state, parsed);
      if (parsed.type === 'JustificationAdded') {
        const { period, justificationNumber, text, reserved, correctiveActions } = parsed.data;
        entry.justifications.push({
          period,
          justificationNumber,
          text,
          ...(reserved === true ? { reserved } : {}),
          correctiveActions,
          recordedAt: event.metadata.recordedAt,
          actorId: event.metadata.actor.id,
        });
      }
      indicators.set(parsed.data.code, entry);
    }
  }

  if (plan.status !== 'open') return null;
  const facts: IndicatorFacts[] = [];
  for (const { state, justifications } of indicators.values()) {
    // Figures for a code that was never registered cannot come from the deciders; evolve ignores them too.
    if (state.status === 'absent') continue;
    const { code, status, definition, targets, results } = state;
    facts.push({ code, status, definition, targets, results, justifications });
  }
  facts.sort((a, b) => compareCodes(a.code, b.code));
  return { plan, indicators: facts };
}

function parseEvent<Schema extends z.ZodType>(schema: Schema, event: PlanLogEvent): z.output<Schema> {
  const parsed = schema.safeParse({ type: event.type, data: event.data });
  if (!parsed.success) {
    throw new Error(`a ${event.type} event in the log does not have the shape of its type`, { cause: parsed.error });
  }
  return parsed.data;
}

function assertSamePlan(expected: string, actual: string, type: string): void {
  if (actual !== expected) throw new Error(`a ${type} event of plan ${actual} is in the log of plan ${expected}`);
}
