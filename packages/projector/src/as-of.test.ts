import t from 'tap';
import { ProjectorError } from './errors.js';
import { parseAsOf } from './as-of.js';

t.test('no asOf means the live checkpoint', async (t) => {
  t.same(parseAsOf(undefined), { kind: 'live' });
});

t.test('a log position is exact', async (t) => {
  t.same(parseAsOf('7431:120'), { kind: 'position', position: { commit: 7431n, prepare: 120n } });
  t.same(parseAsOf('0:0'), { kind: 'position', position: { commit: 0n, prepare: 0n } });
});

t.test('an instant with a zone reads as PostgreSQL will, fractions truncated to microseconds', async (t) => {
  t.same(parseAsOf('2024-03-31T23:59:59Z'), { kind: 'instant', text: '2024-03-31T23:59:59.000000Z', epochMs: Date.UTC(2024, 2, 31, 23, 59, 59) });
  t.same(parseAsOf('2024-03-31T18:00-05:00'), { kind: 'instant', text: '2024-03-31T18:00:00.000000-05:00', epochMs: Date.UTC(2024, 2, 31, 23, 0, 0) });
  t.same(parseAsOf('2024-02-29T10:00:00.1234567899+01:30'), {
    kind: 'instant',
    text: '2024-02-29T10:00:00.123456+01:30',
    epochMs: Date.UTC(2024, 1, 29, 8, 30, 0, 123),
  });
});

t.test('anything else is INVALID_AS_OF', async (t) => {
  const bad = [
    '',
    'yesterday',
    '2024-03-31',
    '2024-03-31T10:00:00',
    '2023-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-03-31T24:00:00Z',
    '2024-03-31T23:59:60Z',
    '2024-03-31T10:00:00+16:00',
    '0000-01-01T00:00:00Z',
    '12:',
    '12:5:1',
    '-1:0',
    '1:01',
    '18446744073709551616:0',
  ];
  for (const asOf of bad) {
    const error = (() => {
      try {
        parseAsOf(asOf);
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    t.ok(error instanceof ProjectorError && error.code === 'INVALID_AS_OF', `${JSON.stringify(asOf)} is refused`);
  }
});
