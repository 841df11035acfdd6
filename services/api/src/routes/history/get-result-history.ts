import { resultHistoryToCsv } from '@semaforo/documents';
import { resultHistory } from '@semaforo/projection-audit-trail';
import { historyRoute } from './history-route.js';
import { resultHistorySchema } from './history-schemas.js';

export const getResultHistory = historyRoute({
  url: '/v1/plans/:planId/indicators/:code/results/history',
  document: 'result-history',
  summary: 'Result history of an indicator',
  description:
    'Every result of the indicator, per period, in log order: reported, each correction (a restatement) with the value it ' +
    'replaced, and every "no data", with who, when and why. Retired indicators keep their history. As of `asOf` when given.',
  answerSchema: resultHistorySchema,
  entries: resultHistory,
  toCsv: resultHistoryToCsv,
});
