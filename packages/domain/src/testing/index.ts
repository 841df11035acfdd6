// Fixtures for the packages that render what the domain computes (documents), so their tests build plans the way
// the domain's own tests do.
export { aPlanLog, type PlanLog, type PlanLogOptions } from '../evaluation/plan-log.fixture.js';
