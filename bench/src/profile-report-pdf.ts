import { createHash } from 'node:crypto';
import { renderEvaluationReport } from '@semaforo/documents';
import { evaluatePlan, evaluationDigest, foldPlanFacts, type PlanLogEvent } from '@semaforo/domain';
import { loadCatalog } from './dataset/catalog.js';
import { decideDataset } from './dataset/decide-dataset.js';
import { generateDataset } from './dataset/generate-dataset.js';

/*
 * The 1,000-indicator plan's Q2 report as a PDF, rendered `RENDERS` times in one process, with no database:
 * what `node --cpu-prof` profiles (`bench/README.md`, "Profiling the PDF report"). Prints ms per render.
 */
const renders = Number(process.argv[2] ?? '4');
const events: PlanLogEvent[] = [];
for (const decided of decideDataset(
  generateDataset({ seed: 1, institutions: 1, years: 1, firstYear: 2021, indicatorsPerInstitution: 1_000, catalog: loadCatalog() }),
)) {
  events.push(decided.event);
}
const facts = foldPlanFacts(events)!;
const evaluation = evaluatePlan(facts, '2021-Q2');
const input = { evaluation, facts, position: '1:1', digest: evaluationDigest(evaluation), datedAt: '2021-07-01T00:00:00.000Z', language: 'es' as const };
for (let i = 0; i < renders; i += 1) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { bytes } = await renderEvaluationReport(input, { format: 'pdf' });
  const used = process.cpuUsage(cpu);
  const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  process.stdout.write(
    `render ${i + 1}: ${Math.round(performance.now() - started)} ms, CPU ${Math.round((used.user + used.system) / 1000)} ms, ${bytes.length} bytes, sha256 ${sha}\n`,
  );
}
