import { reopenUnitPeriodDataSchema } from '@semaforo/domain';
import { unitPeriodRoute } from './unit-period-route.js';

/** ReopenUnitPeriod: the lock exception, with a reason. */
export const reopenUnitPeriod = unitPeriodRoute({
  segment: 'reopening',
  type: 'ReopenUnitPeriod',
  body: reopenUnitPeriodDataSchema.omit({ period: true, unit: true }),
  summary: "Reopen a unit's period",
  description:
    "Lifts the lock of an approval (the unit-period becomes `open`) or, on a period that is not approved, exempts it from the plan's data-entry window: until the unit is approved again, its targets and results of every indicator period ending inside this period take changes. Needs a `reason` (422 `REASON_REQUIRED`); refused while a unit above it is approved (409 `PARENT_UNIT_APPROVED`).",
});
