import t from 'tap';
import fc from 'fast-check';
import type { Period } from './period.js';
import { formatPeriod, parsePeriod, periodIdSchema, tryParsePeriod } from './period-id.js';
import { PERIODICITIES, periodsPerYear } from './periodicity.js';

const FORMS_HINT = 'YYYY (annual), YYYY-S1..S2 (semiannual), YYYY-T1..T3 (four-monthly), YYYY-Q1..Q4 (quarterly)';

t.test('given every period id form, when parsed, then year, periodicity and index come out', async (t) => {
  const cases: ReadonlyArray<readonly [string, Period]> = [
    ['2023', { year: 2023, periodicity: 'annual', index: 1 }],
    ['2023-S1', { year: 2023, periodicity: 'semiannual', index: 1 }],
    ['2023-S2', { year: 2023, periodicity: 'semiannual', index: 2 }],
    ['2023-T1', { year: 2023, periodicity: 'four-monthly', index: 1 }],
    ['2023-T3', { year: 2023, periodicity: 'four-monthly', index: 3 }],
    ['2023-Q1', { year: 2023, periodicity: 'quarterly', index: 1 }],
    ['2023-Q4', { year: 2023, periodicity: 'quarterly', index: 4 }],
    ['2023-B1', { year: 2023, periodicity: 'bimonthly', index: 1 }],
    ['2023-B6', { year: 2023, periodicity: 'bimonthly', index: 6 }],
    ['2023-M01', { year: 2023, periodicity: 'monthly', index: 1 }],
    ['2023-M09', { year: 2023, periodicity: 'monthly', index: 9 }],
    ['2023-M10', { year: 2023, periodicity: 'monthly', index: 10 }],
    ['2023-M12', { year: 2023, periodicity: 'monthly', index: 12 }],
    ['1000-Q2', { year: 1000, periodicity: 'quarterly', index: 2 }],
    ['9999', { year: 9999, periodicity: 'annual', index: 1 }],
  ];
  for (const [id, period] of cases) {
    t.strictSame(parsePeriod(id), period, id);
    t.strictSame(tryParsePeriod(id), period, `${id} (try)`);
    t.equal(formatPeriod(period), id, `${id} formats back`);
    t.ok(periodIdSchema.safeParse(id).success, `${id} passes the schema`);
  }
});

t.test('given a malformed period id, when parsed, then INVALID_PERIOD lists the accepted forms', async (t) => {
  const malformed = [
    '',
    ' 2023',
    '2023 ',
    '2023-',
    '2023-Q',
    '2023-Q0',
    '2023-Q5',
    '2023-S0',
    '2023-S3',
    '2023-T0',
    '2023-T4',
    '2023-B0',
    '2023-B7',
    '2023-M1',
    '2023-M00',
    '2023-M13',
    '2023-M001',
    '2023-q1',
    '2023-m01',
    '2023Q1',
    '2023_Q1',
    '2023-Q01',
    '2023-A1',
    '2023-H1',
    '2023-Q1-',
    '2023-Q1 ',
    '23',
    '23-Q1',
    '0999',
    '0999-Q1',
    '02023',
    '20230',
    '2023-01',
    '2023/Q1',
    'Q1-2023',
    '2023-S1-Q1',
    '２０２３',
  ];
  for (const id of malformed) {
    t.equal(tryParsePeriod(id), null, `${JSON.stringify(id)} is not a period`);
    t.throws(() => parsePeriod(id), { name: 'DomainError', code: 'INVALID_PERIOD', details: { value: id } }, JSON.stringify(id));
    const parsed = periodIdSchema.safeParse(id);
    t.notOk(parsed.success, `${JSON.stringify(id)} fails the schema`);
    t.match(parsed.error?.issues[0]?.message, FORMS_HINT);
  }
  const escapedHint = FORMS_HINT.replace(/[.()]/g, '\\$&');
  t.throws(() => parsePeriod('2023-Q5'), { message: new RegExp(`"2023-Q5" is not a period: expected ${escapedHint}`) });
});

t.test('given a value that is not a string, when parsed, then it is not a period', async (t) => {
  for (const value of [2023, null, undefined, { year: 2023 }]) {
    t.equal(tryParsePeriod(value as unknown as string), null);
    t.throws(() => parsePeriod(value as unknown as string), { code: 'INVALID_PERIOD' });
    t.notOk(periodIdSchema.safeParse(value).success);
  }
});

t.test('given a period built by hand that does not exist, when formatted, then INVALID_PERIOD', async (t) => {
  const impossible: Period[] = [
    { year: 2023, periodicity: 'quarterly', index: 5 },
    { year: 2023, periodicity: 'quarterly', index: 0 },
    { year: 2023, periodicity: 'monthly', index: 1.5 },
    { year: 2023, periodicity: 'annual', index: 2 },
    { year: 999, periodicity: 'annual', index: 1 },
    { year: 10000, periodicity: 'annual', index: 1 },
    { year: 2023.5, periodicity: 'annual', index: 1 },
    { year: 2023, periodicity: 'weekly' as 'monthly', index: 1 },
  ];
  for (const period of impossible) {
    t.throws(() => formatPeriod(period), { name: 'DomainError', code: 'INVALID_PERIOD' }, JSON.stringify(period));
  }
});

const anyPeriod = fc.constantFrom(...PERIODICITIES).chain((periodicity) =>
  fc.record({
    year: fc.integer({ min: 1000, max: 9999 }),
    periodicity: fc.constant(periodicity),
    index: fc.integer({ min: 1, max: periodsPerYear(periodicity) }),
  }),
);

t.test('property: parse(format(period)) gives the period back, and format(parse(id)) the id', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(anyPeriod, (period) => {
        const id = formatPeriod(period);
        const parsed = parsePeriod(id);
        return parsed.year === period.year && parsed.periodicity === period.periodicity && parsed.index === period.index && formatPeriod(parsed) === id;
      }),
    ),
  );
});

t.test('property: any string either is not a period or is the one spelling of its period', async (t) => {
  const idLike = fc.oneof(
    fc.string(),
    fc.stringMatching(/^\d{4}(-[A-Z]\d{1,2})?$/),
    anyPeriod.map(formatPeriod).map((id) => id.toLowerCase()),
  );
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(idLike, (id) => {
        const period = tryParsePeriod(id);
        return period === null || formatPeriod(period) === id;
      }),
    ),
  );
});
