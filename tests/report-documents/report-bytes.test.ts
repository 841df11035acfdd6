import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { benchPlan, smallPlan } from './report-samples.js';

/*
 * The same inputs give the same bytes in another process too: no clock, no random ids, no state
 * of the process (fonts loaded or not, caches warm or cold) leaks into a document. (The read side's
 * half, the same bytes at a position after later appends, is services/api's reports.test.ts.)
 */
const run = promisify(execFile);
const script = fileURLToPath(new URL('render-sample.ts', import.meta.url));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

t.test('two processes, the same report, the same bytes', async (t) => {
  const samples = { small: smallPlan(), bench: benchPlan() };
  for (const [plan, format, language] of [
    ['small', 'pdf', 'en'],
    ['small', 'html', 'es'],
    ['bench', 'pdf', 'es'],
    ['bench', 'html', 'en'],
  ] as const) {
    const [here, there] = await Promise.all([
      samples[plan].render(format, language).then(({ bytes }) => sha256(bytes)),
      run(process.execPath, ['--conditions=semaforo-source', '--import=tsx', script, plan, format, language], { maxBuffer: 1024 * 1024 }).then(({ stdout }) =>
        stdout.trim(),
      ),
    ]);
    t.equal(there, here, `${plan} plan, ${format}, ${language}`);
  }
});
