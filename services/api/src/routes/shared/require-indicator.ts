import { HttpProblem } from '@semaforo/http';
import { indicatorExistsAt, planExistsAt } from '@semaforo/projection-audit-trail';
import type { AnyKysely } from '@semaforo/sql';
import type { AuditReadPoint } from './read-point.js';

/** 404 unless the plan and its indicator existed at the read point: an as-of answer never shows the future. */
export async function requireIndicatorAt(db: AnyKysely, at: AuditReadPoint, planId: string, code: string): Promise<void> {
  await requirePlanAt(db, at, planId);
  if (!(await indicatorExistsAt(db, at, planId, code))) {
    throw new HttpProblem(404, 'INDICATOR_NOT_FOUND', `The plan ${planId} has no indicator ${code} at position ${at.position}.`, {
      details: { planId, code, position: at.position },
    });
  }
}

export async function requirePlanAt(db: AnyKysely, at: AuditReadPoint, planId: string): Promise<void> {
  if (!(await planExistsAt(db, at, planId))) {
    throw new HttpProblem(404, 'PLAN_NOT_FOUND', `There is no plan ${planId} at position ${at.position}.`, {
      details: { planId, position: at.position },
    });
  }
}
