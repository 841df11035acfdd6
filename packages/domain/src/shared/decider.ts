/**
 * An aggregate as one value (Emmett's Decider): what a command means given
 * the state so far, how an event moves that state on, and the state before
 * any event. Pure: no clock, no ids, no I/O.
 *
 * `Context` is the state of other streams a decision reads but never writes
 * (an indicator reads its plan); most aggregates read none.
 *
 * Methods rather than function-typed properties: TypeScript checks method
 * parameters bivariantly, which is what lets a stream name another stream
 * as context by the state it yields alone, whatever its commands and events
 * (see `StreamOf`).
 */
export interface Decider<Command, Event, State, Context = NoContext> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** The context of a decision that reads no other stream. */
export type NoContext = Readonly<Record<never, never>>;
