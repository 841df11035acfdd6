import t from 'tap';
import { bearerTokenOf, hashSecret, mintToken, parseToken, secretMatches } from './token.js';

t.test('a minted token reads back as its institution, id and secret; only the hash of the secret is kept', async (t) => {
  const minted = mintToken('upisss');
  t.match(minted.token, /^smf_upisss\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
  t.same(parseToken(minted.token), { institutionId: 'upisss', tokenId: minted.tokenId, secret: minted.secret });
  t.equal(minted.secretHash, hashSecret(minted.secret));
  t.match(minted.secretHash, /^sha256:[0-9a-f]{64}$/);
  t.notOk(minted.secretHash.includes(minted.secret), 'the hash does not contain the secret');
});

t.test('two minted tokens share nothing but the institution', async (t) => {
  const a = mintToken('upisss');
  const b = mintToken('upisss');
  t.not(a.tokenId, b.tokenId);
  t.not(a.secret, b.secret);
});

t.test('a secret matches its own hash only', async (t) => {
  const minted = mintToken('isss');
  t.ok(secretMatches(minted.secret, minted.secretHash));
  t.notOk(secretMatches(mintToken('isss').secret, minted.secretHash), 'another secret');
  t.notOk(secretMatches(minted.secret, 'sha256:short'), 'a hash of another length');
});

t.test('text that is not shaped like a token parses to null', async (t) => {
  const { token } = mintToken('upisss');
  for (const text of ['', 'smf_', token.slice(0, -1), `${token}x`, token.replace('smf_', 'xyz_'), token.replace('.', '_'), `smf_UPISSS${token.slice(10)}`]) {
    t.equal(parseToken(text), null, JSON.stringify(text));
  }
});

t.test('the bearer token of an Authorization header', async (t) => {
  t.equal(bearerTokenOf(undefined), undefined, 'no header');
  t.equal(bearerTokenOf('Bearer abc'), 'abc');
  t.equal(bearerTokenOf('bearer  abc '), 'abc', 'the scheme is case-insensitive (RFC 7235)');
  t.equal(bearerTokenOf('Basic dXNlcjpwYXNz'), null, 'another scheme');
  t.equal(bearerTokenOf('Bearer'), null, 'no token');
  t.equal(bearerTokenOf('Bearer a b'), null, 'two tokens');
});
