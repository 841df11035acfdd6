import { normalizeWord } from '@semaforo/domain';
import type { FastifyInstance } from 'fastify';

/** Who the actors of an institution's audit are: their tokens' holders. */
export interface ActorNames {
  /** The person (or, for a token without a holder, its label) behind an actor id; null for actors that are no token (an operator). */
  nameOf(actorId: string): string | null;
  /**
   * The actor ids an `actor` filter means: the id itself, and every token
   * whose holder name or label is that text (case, accents and spaces
   * aside), so `actor=Ana Pérez` finds each token Ana held.
   */
  idsFor(actor: string): string[];
}

/**
 * Read from the access stream as it is now: a token's holder is fixed when
 * it is issued, and a token acting before an `asOf` was issued before it,
 * so an old answer names the same people when asked again.
 */
export async function actorNames(app: FastifyInstance, institutionId: string): Promise<ActorNames> {
  const { state } = await app.access.read(institutionId);
  const tokens = Object.values(state.tokens);
  return {
    nameOf: (actorId) => {
      const token = state.tokens[actorId];
      return token === undefined ? null : (token.holderName ?? token.label);
    },
    idsFor: (actor) => {
      const wanted = normalizeWord(actor);
      const named = tokens
        .filter((t) => (t.holderName !== null && normalizeWord(t.holderName) === wanted) || normalizeWord(t.label) === wanted)
        .map((t) => t.tokenId);
      return [...new Set([actor, ...named])];
    },
  };
}
