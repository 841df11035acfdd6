import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { AccessCommand } from './access-commands.js';
import type { AccessEvent } from './access-events.js';
import { evolveAccess, initialAccessState, tokenStatusAt, type AccessState } from './access-state.js';

/** Decides what issuing or revoking a token means for the institution's tokens so far. Pure. */
export const decideAccess = (command: AccessCommand, state: AccessState): AccessEvent[] => {
  switch (command.type) {
    case 'IssueToken': {
      const { institutionId, tokenId, role, label, holderName, holderUnit, secretHash, issuedAt, expiresAt } = command.data;
      if (state.tokens[tokenId] !== undefined) {
        throw new DomainError('TOKEN_ALREADY_ISSUED', `A token with id ${tokenId} already exists; issue it again with a new id.`, { tokenId });
      }
      // A reporter without units could report for nothing; any other role with
      // units would suggest a restriction that is not enforced.
      const units = [...new Set(command.data.units)].sort();
      if (role === 'reporter' && units.length === 0) {
        throw new DomainError('REPORTER_UNITS_REQUIRED', 'A reporter token needs at least one unit it reports for.');
      }
      if (role !== 'reporter' && units.length > 0) {
        throw new DomainError(
          'UNITS_ONLY_FOR_REPORTER',
          `Only reporter tokens are limited to units; a token with the role ${role} acts on the whole institution.`,
          {
            role,
          },
        );
      }
      if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.parse(issuedAt)) {
        throw new DomainError('EXPIRY_NOT_IN_FUTURE', `The expiry ${expiresAt} is not after the issue time ${issuedAt}.`, { expiresAt, issuedAt });
      }
      return [
        {
          type: 'TokenIssued',
          // The holder only when named, so a token issued without one is the same event as before.
          data: {
            institutionId,
            tokenId,
            role,
            units,
            label,
            ...(holderName === undefined ? {} : { holderName }),
            ...(holderUnit === undefined ? {} : { holderUnit }),
            secretHash,
            issuedAt,
            expiresAt: expiresAt ?? null,
          },
        },
      ];
    }
    case 'RevokeToken': {
      const { tokenId, reason, revokedAt } = command.data;
      const token = state.tokens[tokenId];
      if (token === undefined || state.institutionId === null) {
        throw new DomainError('TOKEN_NOT_FOUND', `There is no token ${tokenId} in this institution.`, { tokenId });
      }
      if (token.revokedAt !== null) return [];
      // Revoking the last working admin token would leave nobody able to
      // issue tokens; issue the replacement first, then revoke.
      if (token.role === 'admin' && tokenStatusAt(token, revokedAt) === 'active') {
        const otherAdmins = Object.values(state.tokens).filter(
          (other) => other.tokenId !== tokenId && other.role === 'admin' && tokenStatusAt(other, revokedAt) === 'active',
        );
        if (otherAdmins.length === 0) {
          throw new DomainError(
            'LAST_ADMIN_TOKEN',
            'This is the last working admin token of the institution: issue another admin token first, then revoke this one.',
            {
              tokenId,
            },
          );
        }
      }
      return [{ type: 'TokenRevoked', data: { institutionId: state.institutionId, tokenId, reason, revokedAt } }];
    }
  }
};

/** The access aggregate (an institution's tokens) as one value, what the write side runs its commands with. */
export const accessDecider: Decider<AccessCommand, AccessEvent, AccessState> = {
  decide: decideAccess,
  evolve: evolveAccess,
  initialState: initialAccessState,
};
