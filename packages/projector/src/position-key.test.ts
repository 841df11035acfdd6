import fc from 'fast-check';
import t from 'tap';
import { compareLogPositions, LOG_START } from '@semaforo/event-store';
import { positionFromKey, positionKey } from './position-key.js';

const uint64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const position = fc.record({ commit: uint64, prepare: uint64 });

t.test('a position key is (commit << 64) + prepare in decimal', async (t) => {
  t.equal(positionKey(LOG_START), '0');
  t.equal(positionKey({ commit: 0n, prepare: 7n }), '7');
  t.equal(positionKey({ commit: 1n, prepare: 0n }), '18446744073709551616');
  t.equal(positionKey({ commit: 7431n, prepare: 120n }), (7431n * 2n ** 64n + 120n).toString());
  t.equal(positionKey({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n }), (2n ** 128n - 1n).toString(), 'the largest position fits');
});

t.test('keys round-trip and sort as positions do (numerically)', async (t) => {
  fc.assert(
    fc.property(position, (p) => {
      const back = positionFromKey(positionKey(p));
      return back.commit === p.commit && back.prepare === p.prepare;
    }),
  );
  fc.assert(
    fc.property(position, position, (a, b) => {
      const byKey = BigInt(positionKey(a)) < BigInt(positionKey(b)) ? -1 : BigInt(positionKey(a)) > BigInt(positionKey(b)) ? 1 : 0;
      return byKey === Math.sign(compareLogPositions(a, b));
    }),
  );
  t.pass('100 random positions and pairs');
});

t.test('anything that is not a key or a position is refused', async (t) => {
  for (const bad of ['', '-1', '01', '1.5', ' 1', 'abc', (2n ** 128n).toString()]) {
    t.throws(() => positionFromKey(bad), RangeError, `key ${JSON.stringify(bad)}`);
  }
  t.throws(() => positionKey({ commit: -1n, prepare: 0n }), RangeError, 'negative half');
  t.throws(() => positionKey({ commit: 0n, prepare: 2n ** 64n }), RangeError, 'a half of 2^64');
});
