import { auditTrailProjection } from '@semaforo/projection-audit-trail';
import { evaluationFactsProjection } from '@semaforo/projection-evaluation-facts';
import type { Projection } from '@semaforo/projector';

/**
 * Every projection the product runs: the projector service and the API (in
 * process, RUN_PROJECTOR=true, through `Deployment.startProjections`) both
 * run this list, so it lives in one place. Add a read model by importing its
 * projection from its package under `projections/` (and adding that package
 * to this one's dependencies and tsconfig references). To rebuild one beside the live version, bump its
 * `version` there: the runner builds it in its own schema and swaps when it
 * has caught up.
 */
export const allProjections: readonly Projection[] = [auditTrailProjection, evaluationFactsProjection];
