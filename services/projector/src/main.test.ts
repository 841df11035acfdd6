import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { PGLITE_REFUSAL } from '@semaforo/runtime';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

/** main.ts from sources, as `node dist/main.js` runs the build. */
function run(argv: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=semaforo-source', main, ...argv], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

t.test('without PostgreSQL it refuses to start, and says where projections run instead', async (t) => {
  const process = run([], {});
  const [code] = await process.exited;
  t.equal(code, 1);
  t.equal(process.stderr(), `Invalid configuration:\n  - ${PGLITE_REFUSAL}\n`);
});

t.test('an unknown command prints the usage', async (t) => {
  const process = run(['frobnicate'], {});
  const [code] = await process.exited;
  t.equal(code, 2);
  t.match(process.stderr(), /^unknown command "frobnicate"\n\nUsage:/);
});

if (await postgresRequired()) {
  t.test('against PostgreSQL: status answers, start stops cleanly on SIGTERM', async (t) => {
    const database = await createTestDatabase();
    t.teardown(() => database.drop());
    const env = { DATABASE_URL: database.connectionString };

    const status = run(['status'], env);
    t.equal((await status.exited)[0], 0, status.stderr());
    t.match(status.stdout(), /^Head of the log: empty\n/);

    const start = run(['start'], env);
    // The first log line says it runs (or that it has nothing to run).
    await new Promise<void>((resolve) => start.child.stdout.once('data', () => resolve()));
    start.child.kill('SIGTERM');
    const [code] = await start.exited;
    t.equal(code, 0, start.stderr());
  });
}
