import type { Aggregate } from '@semaforo/commands';
import { evolveAccess, initialAccessState, type AccessEvent, type AccessState } from '@semaforo/domain';

export const accessAggregate: Aggregate<AccessState, AccessEvent> = {
  initialState: initialAccessState,
  evolve: evolveAccess,
  // The access stream only ever holds what decideAccess wrote.
  toEvent: (recorded) => ({ type: recorded.type, data: recorded.data }) as AccessEvent,
};
