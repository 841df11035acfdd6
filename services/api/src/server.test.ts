import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { allProjections } from '@semaforo/runtime';

const serverFile = fileURLToPath(new URL('./server.ts', import.meta.url));

/** Runs server.ts from sources, as `node` would run the build. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=semaforo-source', serverFile], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'close', not 'exit': it comes after stdout and stderr are read to their end.
  const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  const lines: Array<Record<string, unknown>> = [];
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (typeof entry['url'] === 'string' && entry['msg'] === 'Semáforo API listening') resolve(entry['url']);
    });
    void exited.then(([code]) => reject(new Error(`server exited with ${code} before listening: ${stderr}`)));
  });
  // A server that is expected to fail never listens; nobody waits for it then.
  listening.catch(() => undefined);
  return { child, exited, listening, lines, stderr: () => stderr };
}

t.test('given a good configuration, it serves, then stops cleanly on SIGTERM', async (t) => {
  const server = startServer({ PORT: '0', DATA_DIR: 'memory://', LOG_LEVEL: 'info' });
  t.teardown(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  const url = await server.listening;
  t.match(url, /^http:\/\/127\.0\.0\.1:\d+$/, 'listens on loopback by default');

  const health = await fetch(`${url}/health`);
  t.equal(health.status, 200);
  t.same(await health.json(), { status: 'ok' });
  const ready = await fetch(`${url}/ready`);
  t.equal(ready.status, 200);

  server.child.kill('SIGTERM');
  const [code] = await server.exited;
  t.equal(code, 0, 'exit code 0');
  t.ok(
    server.lines.some((line) => line['msg'] === 'stopped'),
    'says it stopped',
  );
});

t.test('given a bad configuration, it says what to fix and exits 1', async (t) => {
  const server = startServer({ PORT: 'http', LOG_LEVEL: 'chatty', DATA_DIR: 'memory://' });
  const [code] = await server.exited;
  t.equal(code, 1);
  t.equal(
    server.stderr(),
    'Invalid configuration:\n' +
      '  - PORT must be a whole number (got "http")\n' +
      '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "chatty")\n',
    'every bad variable, and no stack trace',
  );
});

t.test('the server runs them in process by default, and stops them before it closes the store', async (t) => {
  const expected = allProjections.map((p) => `${p.name} v${p.version}`).sort();
  const server = spawn(process.execPath, ['--import', 'tsx', '--conditions=semaforo-source', serverFile], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', DATA_DIR: 'memory://', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });
  const exited = once(server, 'exit') as Promise<[number | null]>;
  const messages: string[] = [];
  const registered = new Set<string>();
  let listening = false;
  const lines = createInterface({ input: server.stdout });
  // 'exit' can come before the last lines of stdout are read: wait for both.
  const stdoutClosed = once(lines, 'close');
  const ready = new Promise<void>((resolve) => {
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg: string; component?: string; projection?: string; version?: number };
      messages.push(entry.msg);
      if (entry.component === 'projector' && entry.msg.startsWith('registered projection')) registered.add(`${entry.projection} v${entry.version}`);
      if (entry.msg === 'Semáforo API listening') listening = true;
      if (listening && registered.size === expected.length) resolve();
    });
  });
  const outcome = await Promise.race([ready.then(() => 'ready'), exited.then(([code]) => `exited with ${code}`)]);
  t.equal(outcome, 'ready', 'listening, with every projection registered');
  t.same([...registered].sort(), expected, 'every projection registered by the server process');

  server.kill('SIGTERM');
  const [code] = await exited;
  await stdoutClosed;
  t.equal(code, 0);
  t.equal(messages.at(-1), 'stopped');
});
