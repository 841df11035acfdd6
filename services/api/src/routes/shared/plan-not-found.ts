import { DomainError } from '@semaforo/domain';

/** The one 404 for a plan that is not there, or not the caller's institution's: both answer the same. */
export const planNotFound = (planId: string): DomainError =>
  new DomainError('PLAN_NOT_FOUND', `There is no plan ${planId}. Open it with POST /v1/plans.`, { planId });
