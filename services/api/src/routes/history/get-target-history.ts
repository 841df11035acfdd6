import { targetHistoryToCsv } from '@semaforo/documents';
import { targetHistory } from '@semaforo/projection-audit-trail';
import { historyRoute } from './history-route.js';
import { targetHistorySchema } from './history-schemas.js';

export const getTargetHistory = historyRoute({
  url: '/v1/plans/:planId/indicators/:code/targets/history',
  document: 'target-history',
  summary: 'Target history of an indicator',
  description:
    'Every target the indicator had, per period, in log order: set, then each revision (*reprogramación*) with the value it ' +
    'replaced, who made it, when and why. Retired indicators keep their history. As of `asOf` when given.',
  answerSchema: targetHistorySchema,
  entries: targetHistory,
  toCsv: targetHistoryToCsv,
});
