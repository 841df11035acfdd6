import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { openEventStore } from '@semaforo/event-store';
import { listRegistrations } from '@semaforo/projector';
import { allProjections } from '@semaforo/projector-service';
import { createKysely } from '@semaforo/sql';
import { ConfigError, loadConfig } from './config.js';
import { startInProcessProjector } from './in-process-projector.js';
import { createLogger } from './logger.js';

const expected = allProjections.map((p) => `${p.name} v${p.version}`).sort();

t.test('RUN_PROJECTOR: absent runs the projections in the API; false leaves them to projector services', async (t) => {
  const repoRoot = '/srv/semaforo';
  t.equal(loadConfig({}, { repoRoot }).runProjector, undefined, 'absent: the server runs them');
  t.equal(loadConfig({ RUN_PROJECTOR: 'true' }, { repoRoot }).runProjector, true);
  t.equal(loadConfig({ RUN_PROJECTOR: 'false' }, { repoRoot }).runProjector, false);
  t.throws(() => loadConfig({ RUN_PROJECTOR: 'no' }, { repoRoot }), new ConfigError(['RUN_PROJECTOR must be true or false (got "no")']));
});

t.test('the in-process projector runs every projection of allProjections, and stops on demand', async (t) => {
  const { store, sql } = await openEventStore({ dataDir: 'memory://' });
  const db = createKysely<any>(sql);
  t.teardown(async () => {
    await db.destroy();
    await store.close();
  });
  const projector = startInProcessProjector({ store, sql, logger: createLogger({ level: 'silent' }) });
  const registered = async () => (await listRegistrations(db).catch(() => [])).filter((r) => r.state === 'live').map((r) => `${r.name} v${r.version}`).sort();
  while ((await registered()).length < expected.length) await new Promise((resolve) => setTimeout(resolve, 20));
  t.same(await registered(), expected, 'each one registered and live');
  await projector.stop();
  t.pass('stop() resolved: every runner stopped');
});

t.test('the server runs them in process by default, and stops them before it closes the store', async (t) => {
  const server = spawn(process.execPath, ['--import', 'tsx', '--conditions=semaforo-source', fileURLToPath(new URL('./server.ts', import.meta.url))], {
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
