import { INDICATOR_EVENT_TYPES, PLAN_EVENT_TYPES, indicatorEventSchema, planEventSchema, type IndicatorEvent, type PlanEvent } from '@semaforo/domain';
import { formatLogPosition, type RecordedEvent } from '@semaforo/event-store';
import { positionKey } from '@semaforo/projector';

/** The event types that shape an evaluation: the plan's and its indicators'. */
export const FACT_EVENT_TYPES: readonly string[] = [...PLAN_EVENT_TYPES, ...INDICATOR_EVENT_TYPES];

const PLAN_TYPES: ReadonlySet<string> = new Set(PLAN_EVENT_TYPES);
const INDICATOR_TYPES: ReadonlySet<string> = new Set(INDICATOR_EVENT_TYPES);

/** A recorded event parsed by the domain's own schemas, with what the facts keep of its metadata. */
export type FactEvent =
  | { readonly stream: 'plan'; readonly key: string; readonly event: PlanEvent }
  | {
      readonly stream: 'indicator';
      readonly key: string;
      readonly event: IndicatorEvent;
      readonly recordedAt: string;
      readonly actorId: string;
    };

/**
 * Parses with the same schemas `foldPlanFacts` uses, so both paths see the
 * same data (zod drops unknown fields; the fold would too). Null for event
 * types the read model ignores. An event of our types that does not parse is
 * a corrupt log: it throws, naming the event, and the projector stops there
 * rather than skip it.
 */
export function parseFactEvent(recorded: RecordedEvent): FactEvent | null {
  const isPlan = PLAN_TYPES.has(recorded.type);
  if (!isPlan && !INDICATOR_TYPES.has(recorded.type)) return null;
  const parsed = (isPlan ? planEventSchema : indicatorEventSchema).safeParse({ type: recorded.type, data: recorded.data });
  if (!parsed.success) {
    throw new Error(
      `evaluation-facts: the ${recorded.type} event at ${formatLogPosition(recorded.position)} in ${recorded.streamName} does not have the shape of its type`,
      { cause: parsed.error },
    );
  }
  const key = positionKey(recorded.position);
  if (isPlan) return { stream: 'plan', key, event: parsed.data as PlanEvent };
  return {
    stream: 'indicator',
    key,
    event: parsed.data as IndicatorEvent,
    recordedAt: recorded.metadata.recordedAt,
    actorId: recorded.metadata.actor.id,
  };
}
