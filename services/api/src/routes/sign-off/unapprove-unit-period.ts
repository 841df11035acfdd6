import { unapproveUnitPeriodDataSchema } from '@semaforo/domain';
import { unitPeriodRoute } from './unit-period-route.js';

/** UnapproveUnitPeriod: the planning office takes an approval back, with a reason. */
export const unapproveUnitPeriod = unitPeriodRoute({
  segment: 'unapproval',
  type: 'UnapproveUnitPeriod',
  body: unapproveUnitPeriodDataSchema.omit({ period: true, unit: true }),
  summary: "Unapprove a unit's period",
  description:
    '`approved` → `submitted` (awaiting approval again), lifting the lock. Needs a `reason` (422 `REASON_REQUIRED`); refused while a unit above it is approved for the period (409 `PARENT_UNIT_APPROVED`), or when it is not approved (409 `UNIT_PERIOD_NOT_APPROVED`).',
});
