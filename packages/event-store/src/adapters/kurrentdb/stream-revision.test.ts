import fc from 'fast-check';
import t from 'tap';
import { expectedRevisionFor, revisionOfVersion, versionOfRevision } from './stream-revision.js';

t.test('an append expecting version 0 expects "no stream"; version n expects the revision n - 1 of the last event', async (t) => {
  t.equal(expectedRevisionFor(0), 'no-stream');
  t.equal(expectedRevisionFor(1), 0n, 'one event: its revision is 0');
  t.equal(expectedRevisionFor(3), 2n);
  t.equal(expectedRevisionFor(2_147_483_647), 2_147_483_646n);
});

t.test('an expected version that is not a whole number >= 0 is refused', async (t) => {
  for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
    t.throws(() => expectedRevisionFor(bad), { code: 'INVALID_ARGUMENT' }, String(bad));
  }
});

t.test('versions and revisions are one apart, both ways', async (t) => {
  t.equal(versionOfRevision(0n), 1, 'the first event is version 1');
  t.equal(revisionOfVersion(1), 0n);
  fc.assert(fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (version) => versionOfRevision(revisionOfVersion(version)) === version));
  t.pass('round trip holds');
  t.throws(() => revisionOfVersion(0), { code: 'INVALID_ARGUMENT' }, 'version 0 is no event');
  t.throws(() => versionOfRevision(-1n), { code: 'DATABASE_ERROR' });
  t.throws(() => versionOfRevision(BigInt(Number.MAX_SAFE_INTEGER)), { code: 'DATABASE_ERROR' }, 'beyond what a number holds exactly');
});
