import fc from 'fast-check';
import t from 'tap';
import { LOG_START, compareLogPositions, formatLogPosition, parseLogPosition, type LogPosition } from './log-position.js';

t.test('positions compare by commit, then prepare', async (t) => {
  const a = { commit: 5n, prepare: 90n };
  const b = { commit: 6n, prepare: 10n };
  t.ok(compareLogPositions(a, b) < 0, 'a lower commit sorts first, whatever the prepare');
  t.ok(compareLogPositions(b, a) > 0);
  t.ok(compareLogPositions({ commit: 6n, prepare: 9n }, b) < 0, 'same commit: by prepare');
  t.equal(compareLogPositions(b, { ...b }), 0);
  t.ok(compareLogPositions(LOG_START, a) < 0, 'LOG_START is before everything');
});

t.test('format and parse are inverse', async (t) => {
  t.equal(formatLogPosition({ commit: 7431n, prepare: 120n }), '7431:120');
  t.same(parseLogPosition('7431:120'), { commit: 7431n, prepare: 120n });
  const uint64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
  fc.assert(
    fc.property(uint64, uint64, (commit, prepare) => {
      const position: LogPosition = { commit, prepare };
      const parsed = parseLogPosition(formatLogPosition(position));
      return parsed !== null && compareLogPositions(parsed, position) === 0;
    }),
  );
  t.pass('round trip holds');
});

t.test('malformed positions parse to null', async (t) => {
  for (const text of ['', '1', '1:', ':1', '1:2:3', '-1:2', '1:-2', ' 1:2', '1:2 ', '01:2', '1:02', '1.5:2', 'a:b', '0x1:2', '18446744073709551616:0']) {
    t.equal(parseLogPosition(text), null, JSON.stringify(text));
  }
  t.same(parseLogPosition('18446744073709551615:0'), { commit: (1n << 64n) - 1n, prepare: 0n }, 'the largest xid8');
});
