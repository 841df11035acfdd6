import { evolveIndicator, initialIndicatorState, type IndicatorEvent, type IndicatorState } from '@semaforo/domain';
import type { Aggregate } from '../aggregate.js';

export const indicatorAggregate: Aggregate<IndicatorState, IndicatorEvent> = {
  initialState: initialIndicatorState,
  evolve: evolveIndicator,
  toEvent: (recorded) => ({ type: recorded.type, data: recorded.data }) as IndicatorEvent,
};
