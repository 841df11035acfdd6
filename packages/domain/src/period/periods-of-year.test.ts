import t from 'tap';
import { formatPeriod } from './period-id.js';
import { PERIODICITIES } from './periodicity.js';
import { periodsEndingWithin, periodsOf } from './periods-of-year.js';

t.test('given a plan year, when listing its periods, then each periodicity has its ids in order', async (t) => {
  t.strictSame(periodsOf(2023, 'annual').map(formatPeriod), ['2023']);
  t.strictSame(periodsOf(2023, 'semiannual').map(formatPeriod), ['2023-S1', '2023-S2']);
  t.strictSame(periodsOf(2023, 'four-monthly').map(formatPeriod), ['2023-T1', '2023-T2', '2023-T3']);
  t.strictSame(periodsOf(2023, 'quarterly').map(formatPeriod), ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']);
  t.strictSame(periodsOf(2023, 'bimonthly').map(formatPeriod), ['2023-B1', '2023-B2', '2023-B3', '2023-B4', '2023-B5', '2023-B6']);
  t.strictSame(periodsOf(2023, 'monthly').map(formatPeriod), [
    '2023-M01',
    '2023-M02',
    '2023-M03',
    '2023-M04',
    '2023-M05',
    '2023-M06',
    '2023-M07',
    '2023-M08',
    '2023-M09',
    '2023-M10',
    '2023-M11',
    '2023-M12',
  ]);
});

t.test('given a Q2 evaluation (January to June), when listing the periods ended in it, then annual ones are not due', async (t) => {
  const counts = Object.fromEntries(PERIODICITIES.map((p) => [p, periodsEndingWithin(2023, p, 6).length]));
  t.strictSame(counts, { monthly: 6, bimonthly: 3, quarterly: 2, 'four-monthly': 1, semiannual: 1, annual: 0 });
  t.strictSame(periodsEndingWithin(2023, 'four-monthly', 6).map(formatPeriod), ['2023-T1'], 'T2 ends in August');
  t.strictSame(periodsEndingWithin(2023, 'quarterly', 6).map(formatPeriod), ['2023-Q1', '2023-Q2']);
});

t.test('given the other quarterly windows, when listing the periods ended in them, then the counts grow', async (t) => {
  const counts = (through: number) => PERIODICITIES.map((p) => periodsEndingWithin(2023, p, through).length);
  t.strictSame(counts(3), [3, 1, 1, 0, 0, 0], 'Q1: four-monthly and semiannual are not due yet');
  t.strictSame(counts(9), [9, 4, 3, 2, 1, 0]);
  t.strictSame(counts(12), [12, 6, 4, 3, 2, 1], 'the year end: everything is due');
  t.strictSame(counts(1), [1, 0, 0, 0, 0, 0]);
});

t.test('given a window end that is not a fiscal month, when listing, then INVALID_PERIOD', async (t) => {
  for (const through of [0, 13, -1, 6.5, Number.NaN]) {
    t.throws(() => periodsEndingWithin(2023, 'monthly', through), { name: 'DomainError', code: 'INVALID_PERIOD' }, String(through));
  }
});

t.test('given a year outside 1000..9999, when listing, then INVALID_PERIOD', async (t) => {
  for (const year of [999, 10000, 2023.5]) {
    t.throws(() => periodsOf(year, 'quarterly'), { name: 'DomainError', code: 'INVALID_PERIOD', details: { year } });
  }
});
