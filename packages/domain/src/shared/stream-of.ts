import type { Decider, NoContext } from './decider.js';

/**
 * A stream a command is decided on, as plain data: its name, the decider of
 * its aggregate, and the streams whose states the decision reads as context,
 * one per key of the decider's `Context`. The write side folds them all,
 * decides, and appends to `name` only, with the version it decided on; after
 * a conflict, or a domain error decided on cached context, it folds them all
 * again from the store before deciding again.
 */
export interface StreamOf<Command, Event, State, Context = NoContext> {
  readonly name: string;
  readonly decider: Decider<Command, Event, State, Context>;
  readonly context: { readonly [K in keyof Context]: StreamOf<unknown, unknown, Context[K], unknown> };
}
