import type { AnyKysely } from '@semaforo/sql';
import { tablesAt, type ReadPoint } from './read-point.js';

/** Whether the plan had been opened at that position. */
export async function planExistsAt(db: AnyKysely, at: ReadPoint, planId: string): Promise<boolean> {
  const row = await tablesAt(db, at)
    .selectFrom('plans')
    .select('plan_id')
    .where('plan_id', '=', planId)
    .where('valid_from', '<=', at.positionKey)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the plan had an indicator with that code (active or retired) at that position. */
export async function indicatorExistsAt(db: AnyKysely, at: ReadPoint, planId: string, code: string): Promise<boolean> {
  const row = await tablesAt(db, at)
    .selectFrom('entries')
    .select('position_key')
    .where('plan_id', '=', planId)
    .where('indicator_code', '=', code)
    .where('event_type', '=', 'IndicatorRegistered')
    .where('position_key', '<=', at.positionKey)
    .executeTakeFirst();
  return row !== undefined;
}
