import type { Test } from 'tap';
import { DomainError, type DomainErrorCode } from './domain-error.js';

/**
 * given(events).when(command).then(events | error): a decider spec reads as
 * the story it tells. Kept in the domain package so every aggregate's tests
 * share one vocabulary.
 */
export const deciderSpec = <Command, Event, State>(decider: {
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}) => ({
  given: (events: readonly Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
      return {
        then: (t: Test, expected: readonly Event[]) => t.same(run(), expected),
        thenNothingHappens: (t: Test) => t.same(run(), []),
        thenFails: (t: Test, code: DomainErrorCode) => {
          const error = t.throws(run, `fails with ${code}`);
          t.ok(error instanceof DomainError, 'with a DomainError');
          t.equal((error as DomainError).code, code);
        },
      };
    },
  }),
});
