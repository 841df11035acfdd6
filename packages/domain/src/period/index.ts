export { PERIODICITIES, monthsPerPeriod, periodicitySchema, periodsPerYear, type Periodicity } from './periodicity.js';
export { comparePeriods, periodEndMonth, periodStartMonth, type Period } from './period.js';
export { formatPeriod, parsePeriod, periodIdSchema, tryParsePeriod } from './period-id.js';
export { periodsEndingWithin, periodsOf } from './periods-of-year.js';
