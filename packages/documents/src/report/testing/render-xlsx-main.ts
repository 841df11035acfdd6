import { evaluatePlan, evaluationDigest } from '@semaforo/domain';
import { REPORT_DATED_AT, REPORT_PERIOD, REPORT_POSITION } from '../report-plan.fixture.js';
import { reservedPlanFacts } from '../reserved-plan.fixture.js';
import { renderReportXlsx } from '../report-xlsx.js';

// The XLSX of the reserved plan, to stdout: the byte-identity test renders it in a second process.
const facts = reservedPlanFacts();
const evaluation = evaluatePlan(facts, REPORT_PERIOD);
const bytes = await renderReportXlsx({
  evaluation,
  facts,
  position: REPORT_POSITION,
  digest: evaluationDigest(evaluation),
  datedAt: REPORT_DATED_AT,
  language: 'es',
});
process.stdout.write(bytes);
