import { createHash } from 'node:crypto';
import { benchPlan, smallPlan } from './report-samples.js';

// Run by report-bytes.test.ts in a process of its own: prints the SHA-256 of one rendered report.
const [plan, format, language] = process.argv.slice(2) as ['small' | 'bench', 'html' | 'pdf', 'es' | 'en'];
const sample = plan === 'bench' ? benchPlan() : smallPlan();
const { bytes } = await sample.render(format, language);
process.stdout.write(`${createHash('sha256').update(bytes).digest('hex')}\n`);
