import { randomUUID } from 'node:crypto';
import type { CommandMetadata } from '@semaforo/commands';
import { tokenStatusAt } from '@semaforo/domain';
import type { EventStore } from '@semaforo/event-store';
import { AccessDirectory, type IssuedToken } from './access-directory.js';

/**
 * Metadata of a change made on the machine itself, not through the API:
 * the actor is the operator (whoever can reach the database), in the role
 * `operator`, which no token ever has.
 */
export function operatorMetadata(now: Date, actorId = 'operator'): CommandMetadata {
  const requestId = randomUUID();
  return {
    actor: { id: actorId, role: 'operator' },
    source: 'cli',
    requestId,
    correlationId: requestId,
    recordedAt: now.toISOString(),
    newEventId: randomUUID,
  };
}

export class AdminAlreadyExistsError extends Error {
  override readonly name = 'AdminAlreadyExistsError';
}

export interface BootstrapOptions {
  readonly institutionId: string;
  readonly label?: string;
  /** Issue even when the institution has a working admin token (recovery: every admin token lost). */
  readonly force?: boolean;
  readonly clock?: () => Date;
}

/**
 * The first admin token of an institution. Refuses when the institution
 * already has a working admin token (its admins issue tokens through the
 * API), unless forced.
 */
export async function bootstrapAdmin(store: EventStore, options: BootstrapOptions): Promise<IssuedToken> {
  const clock = options.clock ?? (() => new Date());
  const directory = new AccessDirectory(store, { clock });
  const now = clock();
  const { state } = await directory.read(options.institutionId);
  const admins = Object.values(state.tokens).filter((token) => token.role === 'admin' && tokenStatusAt(token, now.toISOString()) === 'active');
  if (admins.length > 0 && options.force !== true) {
    throw new AdminAlreadyExistsError(
      `The institution ${options.institutionId} already has ${admins.length} working admin token(s) (${admins.map((token) => token.tokenId).join(', ')}). ` +
        'An admin issues more with POST /v1/access/tokens. If every admin token is lost, run again with --force.',
    );
  }
  return directory.issue(
    { institutionId: options.institutionId, role: 'admin', label: options.label ?? 'first admin (bootstrap)' },
    operatorMetadata(now, 'bootstrap'),
  );
}
