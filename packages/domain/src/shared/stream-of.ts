import type { Decider, NoContext } from './decider.js';

/**
 * What every decision may read besides the states of streams: the instant
 * its command was received, from the command's metadata (never a clock).
 * The write side hands it to every decider; most ignore it.
 */
export interface CommandInstant {
  readonly recordedAt: string;
}

/** The part of a decider's context that comes from streams. */
export type StreamContext<Context> = Omit<Context, keyof CommandInstant>;

/**
 * A stream a command is decided on, as plain data: its name, the decider of
 * its aggregate, and the streams whose states the decision reads as context,
 * one per key of the decider's `Context` (but `recordedAt`, see
 * `CommandInstant`). The write side folds them all, decides, and appends to
 * `name` only, with the version it decided on; after a conflict, or a domain
 * error decided on cached context, it folds them all again from the store
 * before deciding again.
 *
 * `guardedBy`: the context streams whose versions the append is conditional
 * on. The event store appends only if each is still at the version the
 * decision read, atomically with the append, so a rule another stream sets
 * (an approval's lock) cannot commit between the read and the append.
 * `fenced`: appends to this stream exclude the guarded appends that name it
 * while they commit (see the event store's `AppendOptions`).
 */
export interface StreamOf<Command, Event, State, Context = NoContext> {
  readonly name: string;
  readonly decider: Decider<Command, Event, State, Context>;
  readonly context: { readonly [K in keyof StreamContext<Context>]: StreamOf<unknown, unknown, StreamContext<Context>[K], unknown> };
  /** Keys of `context`. */
  readonly guardedBy?: readonly string[];
  readonly fenced?: boolean;
}
