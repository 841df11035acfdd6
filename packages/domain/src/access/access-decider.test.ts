import t from 'tap';
import { deciderSpec } from '../shared/decider-spec.js';
import type { AccessCommand, IssueToken } from './access-commands.js';
import { decideAccess } from './access-decider.js';
import type { AccessEvent, TokenIssued } from './access-events.js';
import { evolveAccess, initialAccessState, tokenStatusAt, type AccessState } from './access-state.js';

const spec = deciderSpec<AccessCommand, AccessEvent, AccessState>({
  decide: decideAccess,
  evolve: evolveAccess,
  initialState: initialAccessState,
});

const hash = (digit: string) => `sha256:${digit.repeat(64)}`;
const issue = (tokenId: string, data: Partial<IssueToken['data']> = {}): IssueToken => ({
  type: 'IssueToken',
  data: {
    institutionId: 'upisss',
    tokenId,
    role: 'admin',
    units: [],
    label: 'Ana Pérez, planificación',
    secretHash: hash('a'),
    issuedAt: '2024-01-10T09:00:00.000Z',
    ...data,
  },
});
const issued = (tokenId: string, data: Partial<TokenIssued['data']> = {}): TokenIssued => ({
  type: 'TokenIssued',
  data: {
    institutionId: 'upisss',
    tokenId,
    role: 'admin',
    units: [],
    label: 'Ana Pérez, planificación',
    secretHash: hash('a'),
    issuedAt: '2024-01-10T09:00:00.000Z',
    expiresAt: null,
    ...data,
  },
});
const revoke = (tokenId: string, revokedAt = '2024-02-01T00:00:00.000Z'): AccessCommand => ({
  type: 'RevokeToken',
  data: { tokenId, reason: 'laptop lost', revokedAt },
});

const ADMIN = '00000000000000a1';
const OTHER_ADMIN = '00000000000000a2';
const REPORTER = '00000000000000b1';

t.test('IssueToken', async (t) => {
  t.test('given no token, when an admin token is issued, then it is recorded with no expiry', async (t) =>
    spec
      .given([])
      .when(issue(ADMIN))
      .then(t, [issued(ADMIN)]),
  );

  t.test('given no token, when a reporter token is issued, then its units are recorded once each, sorted', async (t) =>
    spec
      .given([])
      .when(issue(REPORTER, { role: 'reporter', units: ['DSP', 'DNGF', 'DSP'] }))
      .then(t, [issued(REPORTER, { role: 'reporter', units: ['DNGF', 'DSP'] })]),
  );

  t.test('given no token, when a token with an expiry is issued, then the expiry is recorded', async (t) =>
    spec
      .given([])
      .when(issue(ADMIN, { expiresAt: '2024-12-31T23:59:59.000Z' }))
      .then(t, [issued(ADMIN, { expiresAt: '2024-12-31T23:59:59.000Z' })]),
  );

  t.test('given no token, when a token names the person holding it and their unit, then both are recorded', async (t) =>
    spec
      .given([])
      .when(issue(ADMIN, { holderName: 'Ana Pérez', holderUnit: 'DPPE' }))
      .then(t, [issued(ADMIN, { holderName: 'Ana Pérez', holderUnit: 'DPPE' })]),
  );

  t.test('given a token issued before tokens named holders, then its holder reads as none', async (t) => {
    const state = evolveAccess(initialAccessState(), issued(ADMIN));
    t.match(state.tokens[ADMIN], { label: 'Ana Pérez, planificación', holderName: null, holderUnit: null });
  });

  t.test('given a token, when another is issued with its id, then it fails', async (t) =>
    spec
      .given([issued(ADMIN)])
      .when(issue(ADMIN, { secretHash: hash('b') }))
      .thenFails(t, 'TOKEN_ALREADY_ISSUED'),
  );

  t.test('given no token, when a reporter token names no unit, then it fails', async (t) =>
    spec
      .given([])
      .when(issue(REPORTER, { role: 'reporter', units: [] }))
      .thenFails(t, 'REPORTER_UNITS_REQUIRED'),
  );

  t.test('given no token, when a planner token names units, then it fails', async (t) =>
    spec
      .given([])
      .when(issue(ADMIN, { role: 'planner', units: ['DSP'] }))
      .thenFails(t, 'UNITS_ONLY_FOR_REPORTER'),
  );

  t.test('given no token, when the expiry is not after the issue time, then it fails', async (t) =>
    spec
      .given([])
      .when(issue(ADMIN, { expiresAt: '2024-01-10T09:00:00.000Z' }))
      .thenFails(t, 'EXPIRY_NOT_IN_FUTURE'),
  );
});

t.test('RevokeToken', async (t) => {
  t.test('given two admin tokens, when one is revoked, then it is revoked with the reason', async (t) =>
    spec
      .given([issued(ADMIN), issued(OTHER_ADMIN)])
      .when(revoke(ADMIN))
      .then(t, [{ type: 'TokenRevoked', data: { institutionId: 'upisss', tokenId: ADMIN, reason: 'laptop lost', revokedAt: '2024-02-01T00:00:00.000Z' } }]),
  );

  t.test('given a revoked token, when it is revoked again, then nothing happens', async (t) =>
    spec
      .given([
        issued(ADMIN),
        issued(OTHER_ADMIN),
        { type: 'TokenRevoked', data: { institutionId: 'upisss', tokenId: ADMIN, reason: 'laptop lost', revokedAt: '2024-02-01T00:00:00.000Z' } },
      ])
      .when(revoke(ADMIN, '2024-03-01T00:00:00.000Z'))
      .thenNothingHappens(t),
  );

  t.test('given no such token, when it is revoked, then it fails', async (t) =>
    spec
      .given([issued(ADMIN)])
      .when(revoke(REPORTER))
      .thenFails(t, 'TOKEN_NOT_FOUND'),
  );

  t.test('given one admin token and a reporter, when the admin token is revoked, then it fails: nobody could issue tokens', async (t) =>
    spec
      .given([issued(ADMIN), issued(REPORTER, { role: 'reporter', units: ['DSP'] })])
      .when(revoke(ADMIN))
      .thenFails(t, 'LAST_ADMIN_TOKEN'),
  );

  t.test('given an admin token and an expired one, when the working one is revoked, then it fails', async (t) =>
    spec
      .given([issued(ADMIN), issued(OTHER_ADMIN, { expiresAt: '2024-01-31T00:00:00.000Z' })])
      .when(revoke(ADMIN))
      .thenFails(t, 'LAST_ADMIN_TOKEN'),
  );

  t.test('given one admin token, when a reporter token is revoked, then it is revoked', async (t) =>
    spec
      .given([issued(ADMIN), issued(REPORTER, { role: 'reporter', units: ['DSP'] })])
      .when(revoke(REPORTER))
      .then(t, [{ type: 'TokenRevoked', data: { institutionId: 'upisss', tokenId: REPORTER, reason: 'laptop lost', revokedAt: '2024-02-01T00:00:00.000Z' } }]),
  );
});

t.test('a token status at an instant', async (t) => {
  const token = [issued(ADMIN, { expiresAt: '2024-06-01T00:00:00.000Z' })].reduce(evolveAccess, initialAccessState()).tokens[ADMIN]!;
  t.equal(tokenStatusAt(token, '2024-05-31T23:59:59.999Z'), 'active');
  t.equal(tokenStatusAt(token, '2024-06-01T00:00:00.000Z'), 'expired', 'expired from its expiry instant on');
  const revoked = { ...token, revokedAt: '2024-03-01T00:00:00.000Z', revocationReason: 'left' };
  t.equal(tokenStatusAt(revoked, '2024-02-29T00:00:00.000Z'), 'active', 'active before its revocation');
  t.equal(tokenStatusAt(revoked, '2024-07-01T00:00:00.000Z'), 'revoked', 'revocation wins over expiry');
});
