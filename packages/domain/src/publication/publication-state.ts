import type { EvaluationPublished, PublicationEvent } from './publication-events.js';

/** One published edition, as its event recorded it. */
export type Edition = EvaluationPublished['data'];

/** The editions of one plan's period, oldest first (`editions[n - 1]` is edition n). */
export interface PublicationState {
  readonly editions: readonly Edition[];
}

export const initialPublicationState = (): PublicationState => ({ editions: [] });

export const evolvePublication = (state: PublicationState, event: PublicationEvent): PublicationState => {
  switch (event.type) {
    case 'EvaluationPublished':
      return { editions: [...state.editions, event.data] };
  }
};
