import type { RecordedEvent } from '@semaforo/event-store';

/** What the handler needs of an aggregate to rebuild its state from its stream. */
export interface Aggregate<State, Event> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  /** Narrows a stored event to the aggregate's events; the log only holds what the deciders wrote. */
  readonly toEvent: (recorded: RecordedEvent) => Event;
}
