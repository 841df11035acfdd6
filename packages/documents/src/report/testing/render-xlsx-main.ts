import { evaluatePlan, evaluationDigest } from '@semaforo/domain';
import { REPORT_DATED_AT, REPORT_PERIOD, REPORT_POSITION } from '../report-plan.fixture.js';
import { reservedPlanFacts } from '../reserved-plan.fixture.js';
import { renderEvaluationReport } from '../render-evaluation-report.js';

// The XLSX of the reserved plan, to stdout: the byte-identity test renders it in a second process.
const facts = reservedPlanFacts();
const evaluation = evaluatePlan(facts, REPORT_PERIOD);
const { bytes } = await renderEvaluationReport(
  { evaluation, facts, position: REPORT_POSITION, digest: evaluationDigest(evaluation), datedAt: REPORT_DATED_AT, language: 'es' },
  { format: 'xlsx' },
);
process.stdout.write(bytes);
