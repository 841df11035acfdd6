import { returnUnitPeriodDataSchema } from '@semaforo/domain';
import { unitPeriodRoute } from './unit-period-route.js';

/** ReturnUnitPeriod: the planning office sends a submission back, saying what to fix. */
export const returnUnitPeriod = unitPeriodRoute({
  segment: 'return',
  type: 'ReturnUnitPeriod',
  body: returnUnitPeriodDataSchema.omit({ period: true, unit: true }),
  summary: "Return a unit's period with a comment",
  description:
    '`submitted` → `returned`; the unit can correct and submit again. A `comment` saying what to fix is required (422 `REASON_REQUIRED`). An approved period is unapproved first (409 `UNIT_PERIOD_APPROVED`).',
});
