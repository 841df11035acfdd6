import t from 'tap';
import fc from 'fast-check';
import { parsePeriod } from './period-id.js';
import { comparePeriods, periodEndMonth, periodStartMonth, type Period } from './period.js';
import { monthsPerPeriod, PERIODICITIES, periodicitySchema, periodsPerYear } from './periodicity.js';
import { periodsOf } from './periods-of-year.js';

t.test('given each periodicity, when asked its length, then the months divide the year', async (t) => {
  t.strictSame(PERIODICITIES, ['monthly', 'bimonthly', 'quarterly', 'four-monthly', 'semiannual', 'annual']);
  t.strictSame(PERIODICITIES.map(monthsPerPeriod), [1, 2, 3, 4, 6, 12]);
  t.strictSame(PERIODICITIES.map(periodsPerYear), [12, 6, 4, 3, 2, 1]);
});

t.test('given the periodicity schema, when parsing, then only the six names pass', async (t) => {
  for (const periodicity of PERIODICITIES) t.equal(periodicitySchema.parse(periodicity), periodicity);
  for (const other of ['weekly', 'Monthly', 'quarter', 'four_monthly', '', 3]) {
    t.notOk(periodicitySchema.safeParse(other).success, `${String(other)} is refused`);
  }
});

t.test('given periods of every form, when asked their months, then they cover fiscal months 1..12', async (t) => {
  const months = (id: string) => [periodStartMonth(parsePeriod(id)), periodEndMonth(parsePeriod(id))];
  t.strictSame(months('2023'), [1, 12]);
  t.strictSame(months('2023-S2'), [7, 12]);
  t.strictSame(months('2023-T2'), [5, 8]);
  t.strictSame(months('2023-Q2'), [4, 6]);
  t.strictSame(months('2023-B3'), [5, 6]);
  t.strictSame(months('2023-M07'), [7, 7]);
});

t.test('given a period that does not exist, when asked its months, then INVALID_PERIOD', async (t) => {
  const bogus: Period = { year: 2023, periodicity: 'semiannual', index: 3 };
  t.throws(() => periodStartMonth(bogus), { code: 'INVALID_PERIOD' });
  t.throws(() => periodEndMonth(bogus), { code: 'INVALID_PERIOD' });
  t.throws(() => comparePeriods(bogus, parsePeriod('2023')), { code: 'INVALID_PERIOD' });
});

t.test('given periods of a year, when sorted, then by year, then by end month, longer first', async (t) => {
  const ids = ['2024-M01', '2023', '2023-M06', '2023-Q2', '2023-S1', '2022-M12', '2023-B3', '2023-T1', '2023-M01', '2023-Q1'];
  const sorted = ids
    .map(parsePeriod)
    .sort(comparePeriods)
    .map((p) => `${p.year}:${p.periodicity}:${p.index}`);
  t.strictSame(sorted, [
    '2022:monthly:12',
    '2023:monthly:1',
    '2023:quarterly:1',
    '2023:four-monthly:1',
    '2023:semiannual:1',
    '2023:quarterly:2',
    '2023:bimonthly:3',
    '2023:monthly:6',
    '2023:annual:1',
    '2024:monthly:1',
  ]);
  t.equal(comparePeriods(parsePeriod('2023-Q3'), parsePeriod('2023-Q3')), 0);
});

const anyPeriod = fc.constantFrom(...PERIODICITIES).chain((periodicity) =>
  fc.record({
    year: fc.integer({ min: 2020, max: 2025 }),
    periodicity: fc.constant(periodicity),
    index: fc.integer({ min: 1, max: periodsPerYear(periodicity) }),
  }),
);

t.test('property: comparePeriods is a total order; equal means the same period', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(anyPeriod, anyPeriod, anyPeriod, (a, b, c) => {
        const ab = comparePeriods(a, b);
        if (ab !== -comparePeriods(b, a)) return false;
        const same = a.year === b.year && a.periodicity === b.periodicity && a.index === b.index;
        if ((ab === 0) !== same) return false;
        return !(ab <= 0 && comparePeriods(b, c) <= 0 && comparePeriods(a, c) > 0);
      }),
    ),
  );
});

t.test('property: the periods of a year tile months 1..12 without gaps or overlaps, in order', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.constantFrom(...PERIODICITIES), (year, periodicity) => {
        const periods = periodsOf(year, periodicity);
        let nextMonth = 1;
        for (const [i, period] of periods.entries()) {
          if (periodStartMonth(period) !== nextMonth) return false;
          if (i > 0 && comparePeriods(periods[i - 1] as Period, period) >= 0) return false;
          nextMonth = periodEndMonth(period) + 1;
        }
        return nextMonth === 13;
      }),
    ),
  );
});
