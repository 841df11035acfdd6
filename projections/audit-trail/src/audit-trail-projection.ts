import type { Projection } from '@semaforo/projector';
import { applyAuditEvents } from './apply-events.js';
import { AUDITED_EVENT_TYPES } from './describe-event.js';
import { migrateAuditTrailUnitChanges } from './migrations/v1-unit-changes.js';
import { migrateAuditTrailV1 } from './migrations/v1.js';

/**
 * Every change made to a plan (its plan stream and its indicators' streams),
 * one row per event: who, when, from where, why, and what changed from what
 * to what. Feeds the audit trail and the target and result histories.
 */
export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  version: 1,
  eventTypes: AUDITED_EVENT_TYPES,
  // Unit changes are a table of version 1 (see v1-unit-changes.ts): no older log holds one, nothing to rebuild.
  async migrate(db, schema) {
    await migrateAuditTrailV1(db, schema);
    await migrateAuditTrailUnitChanges(db, schema);
  },
  apply: applyAuditEvents,
};
