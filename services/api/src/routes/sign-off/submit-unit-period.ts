import { submitUnitPeriodDataSchema } from '@semaforo/domain';
import { unitPeriodRoute } from './unit-period-route.js';

/** SubmitUnitPeriod: a unit's reporter (or its head) hands the period in for review. */
export const submitUnitPeriod = unitPeriodRoute({
  segment: 'submission',
  type: 'SubmitUnitPeriod',
  body: submitUnitPeriodDataSchema.omit({ period: true, unit: true }),
  summary: "Submit a unit's period for approval",
  description:
    'A reporter of the unit (or of a unit above it) submits the period once its results are in: `open` or `returned` → `submitted`, with an optional `comment`. An approved period cannot be submitted (409 `UNIT_PERIOD_APPROVED`).',
});
