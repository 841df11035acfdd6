import { approveUnitPeriodDataSchema } from '@semaforo/domain';
import { unitPeriodRoute } from './unit-period-route.js';

/** ApproveUnitPeriod: the planning office approves a submitted unit-period, which locks it. */
export const approveUnitPeriod = unitPeriodRoute({
  segment: 'approval',
  type: 'ApproveUnitPeriod',
  body: approveUnitPeriodDataSchema.omit({ period: true, unit: true }),
  summary: "Approve a unit's period",
  description:
    "`submitted` → `approved`, with an optional `comment`. Only after every unit below it is approved for the period (409 `CHILD_UNITS_NOT_APPROVED`, naming them), and only once submitted (409 `UNIT_PERIOD_NOT_SUBMITTED`). From then on the unit's own targets and results of every indicator period that ends inside this period are locked (409 `PERIOD_LOCKED`) until a planner reopens it.",
});
