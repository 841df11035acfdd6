import { evolvePlan, initialPlanState, type PlanEvent, type PlanState } from '@semaforo/domain';
import type { Aggregate } from '../aggregate.js';

export const planAggregate: Aggregate<PlanState, PlanEvent> = {
  initialState: initialPlanState,
  evolve: evolvePlan,
  toEvent: (recorded) => ({ type: recorded.type, data: recorded.data }) as PlanEvent,
};
