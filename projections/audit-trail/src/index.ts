export { NO_DATA, type AuditChange } from './audit-change.js';
export { auditTrailProjection } from './audit-trail-projection.js';
export { AUDITED_EVENT_TYPES, describeEvent, type DescribedEvent, type KnownBefore, type ResultSnapshot } from './describe-event.js';
export { auditPage, type AuditEntry, type AuditFilter, type AuditPage, type AuditPageRequest } from './queries/audit-page.js';
export { indicatorExistsAt, planExistsAt } from './queries/existence.js';
export {
  resultHistory,
  targetHistory,
  type ChangeProvenance,
  type HistoryOptions,
  type ResultHistoryEntry,
  type TargetHistoryEntry,
} from './queries/history.js';
export { auditTrailAsOf, type AuditTrailAsOf, type ReadPoint } from './queries/read-point.js';
export { plansAt, unitsAt, type PlanListing, type UnitListing } from './queries/plans.js';
export { unitSubtreeAt } from './queries/units.js';
