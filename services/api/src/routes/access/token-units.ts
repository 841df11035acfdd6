import { planStream } from '@semaforo/domain';
import { HttpProblem } from '@semaforo/http';
import { auditTrailAsOf, plansAt } from '@semaforo/projection-audit-trail';
import type { FastifyInstance } from 'fastify';

/**
 * Refuses a reporter token for a unit no plan of the institution defines (or only retired ones):
 * such a token could report for nothing, and a typo (`DPS` for `DSP`) would
 * only show the day its holder is refused. The plans come from the read
 * model (which lists them) and, so that a plan opened a moment ago counts
 * too, the plans of the years around today; their units are read fresh
 * from the log, so a unit defined a moment ago counts.
 */
export async function requireUnitsDefined(app: FastifyInstance, institutionId: string, units: readonly string[], now: Date): Promise<void> {
  if (units.length === 0) return;
  const year = now.getUTCFullYear();
  const planIds = new Set([year - 1, year, year + 1].map((y) => `${institutionId}-${y}`));
  try {
    const db = app.readModels();
    for (const plan of await plansAt(db, await auditTrailAsOf(db, undefined), institutionId)) planIds.add(plan.planId);
  } catch (error) {
    // The read model only says which plans to look in. Without it (none configured, the projector not
    // run yet or still creating its tables) the years around today are what is known; a database that
    // is down fails the reads below, which answer 503 as every read does.
    app.log.warn({ err: error }, 'plans of the institution not read from the audit trail; checking the years around today');
  }
  const defined = new Set<string>();
  for (const planId of planIds) {
    const { state } = await app.writeSide.read(planStream(planId));
    // A retired unit reports for nothing any more: a token for it is refused as one for an unknown unit.
    if (state.status === 'open') for (const unit of Object.values(state.units)) if (unit.retired !== true) defined.add(unit.code);
  }
  const unknown = units.filter((unit) => !defined.has(unit));
  if (unknown.length > 0) {
    throw new HttpProblem(
      422,
      'UNKNOWN_TOKEN_UNITS',
      `No plan of this institution defines the units ${unknown.join(', ')}; define them first, or check their codes.`,
      {
        details: { units: unknown },
      },
    );
  }
}
