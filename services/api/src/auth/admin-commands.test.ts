import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEventStore } from '@semaforo/event-store';
import tap, { type Test } from 'tap';
import { accessHarness } from '../testing/access-harness.js';
import { runAdmin } from './admin-commands.js';

const run = async (argv: string[], env: Record<string, string>) => {
  let stdout = '';
  let stderr = '';
  const code = await runAdmin(argv, {
    env,
    repoRoot: '/nowhere',
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
};

const dataDirFor = async (t: Test) => {
  const parent = await mkdtemp(join(tmpdir(), 'semaforo-admin-'));
  t.teardown(() => rm(parent, { recursive: true, force: true }));
  return join(parent, 'data');
};

tap.test('bootstrap prints the first admin token once, on stdout alone, and it works', async (t) => {
  const dataDir = await dataDirFor(t);
  const first = await run(['--', 'bootstrap', '--institution', 'upisss'], { DATA_DIR: dataDir });
  t.equal(first.code, 0, first.stderr);
  t.match(first.stdout, /^smf_upisss\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}\n$/, 'the token, and nothing else, on stdout');
  t.match(first.stderr, /shown this once/);
  const token = first.stdout.trim();

  const again = await run(['bootstrap', '--institution', 'upisss'], { DATA_DIR: dataDir });
  t.equal(again.code, 1, 'a second bootstrap is refused');
  t.equal(again.stdout, '', 'and prints no token');
  t.match(again.stderr, /already has 1 working admin token.*POST \/v1\/access\/tokens.*--force/s);

  const forced = await run(['bootstrap', '--institution', 'upisss', '--force', '--label', 'recovery 2024-05'], { DATA_DIR: dataDir });
  t.equal(forced.code, 0);
  t.not(forced.stdout.trim(), token, 'a new token');

  // The API, started on that directory afterwards, knows the token.
  const opened = await openEventStore({ dataDir });
  t.teardown(() => opened.store.close());
  const { app } = await accessHarness(t, { opened });
  const me = await app.inject({ method: 'GET', url: '/v1/access/me', headers: { authorization: `Bearer ${token}` } });
  t.match(me.json(), { institutionId: 'upisss', role: 'admin', label: 'first admin (bootstrap)' });
});

tap.test('with the embedded store open in another process (the API), bootstrap says what to do and changes nothing', async (t) => {
  const dataDir = await dataDirFor(t);
  const held = await openEventStore({ dataDir });
  t.teardown(() => held.store.close());
  const refused = await run(['bootstrap', '--institution', 'upisss'], { DATA_DIR: dataDir });
  t.equal(refused.code, 1);
  t.equal(refused.stdout, '');
  t.match(refused.stderr, /Cannot open the store \(the embedded database in .*\): .*in use by process \d+.*stop that process.*DATABASE_URL/s);
  t.equal((await held.store.readStream('access-upisss')).version, 0, 'no token was issued');
});

tap.test('usage', async (t) => {
  t.equal((await run(['--help'], {})).code, 0);
  const none = await run([], {});
  t.equal(none.code, 2);
  t.match(none.stderr, /Which command\?[\s\S]*Usage: pnpm admin -- <command>/);
  t.equal((await run(['bootstrap'], {})).code, 2, 'no institution');
  const bad = await run(['bootstrap', '--institution', 'UPISSS'], {});
  t.equal(bad.code, 2);
  t.match(bad.stderr, /--institution must be 1 to 48 lower-case letters/);
  t.equal((await run(['promote', '--institution', 'upisss'], {})).code, 2, 'an unknown command');
  t.equal((await run(['bootstrap', '--institution', 'upisss', '--colour'], {})).code, 2, 'an unknown option');
  t.match((await run(['bootstrap', '--institution', 'upisss'], { PORT: 'http' })).stderr, /Invalid configuration/);
});

tap.test('the entry point runs as a program', async (t) => {
  const dataDir = await dataDirFor(t);
  const entry = fileURLToPath(new URL('../admin-cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=semaforo-source', entry, '--', 'bootstrap', '--institution', 'isss'], {
    env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  t.equal(code, 0, stderr);
  t.match(stdout, /^smf_isss\./);
});
