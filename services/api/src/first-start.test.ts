import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { findRepoRoot } from '@semaforo/runtime';

// The commands exactly as a person types them, through pnpm: what pnpm prints on Ctrl-C is part of the story.
const root = findRepoRoot();

function run(args: readonly string[], env: Record<string, string>) {
  // Its own process group, as a terminal's foreground job: Ctrl-C signals every process in it.
  const child = spawn('pnpm', [...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = (once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>).then(([code]) => code);
  const output = () => ({ stdout, stderr });
  const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const match = pattern.exec(stdout + stderr);
      if (match !== null) return match;
      if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${pattern}: ${stdout}${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const ctrlC = () => process.kill(-child.pid!, 'SIGINT');
  return { child, exited, output, waitFor, ctrlC };
}

t.test('first start: the token once, admin and verify-log while it runs, a quiet Ctrl-C, no token on the next start', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'semaforo-first-start-'));
  const env = { PORT: '4231', DATA_DIR: join(dir, 'data'), SEMAFORO_INSTITUTION: 'upisss', LOG_LEVEL: 'info' };
  t.teardown(() => rm(dir, { recursive: true, force: true }));

  const first = run(['start'], env);
  t.teardown(() => {
    if (first.child.exitCode === null) process.kill(-first.child.pid!, 'SIGKILL');
  });
  const [, tokenId, token] = await first.waitFor(/First admin token of upisss \(token id (\w+)\)[^]*?\n {4}(smf_\S+)\n/);
  await first.waitFor(/Semáforo API listening/);
  const own = await fetch(`http://127.0.0.1:4231/v1/access/tokens/${tokenId}`, { headers: { authorization: `Bearer ${token}` } });
  t.equal(own.status, 200, 'the printed token works');
  t.ok(
    first
      .output()
      .stdout.split('\n')
      .filter((line) => line.startsWith('{'))
      .every((line) => typeof (JSON.parse(line) as { msg?: unknown }).msg === 'string'),
    'without a terminal the logs are JSON lines',
  );

  const admin = run(['-s', 'admin', '--', 'bootstrap', '--institution', 'otra'], { DATA_DIR: env.DATA_DIR });
  t.equal(await admin.exited, 0, `bootstrap of a second institution while the API runs: ${admin.output().stderr}`);
  const second = admin.output().stdout.trim();
  t.match(second, /^smf_otra\./);
  const secondId = second.split('.')[1]!;
  const other = await fetch(`http://127.0.0.1:4231/v1/access/tokens/${secondId}`, { headers: { authorization: `Bearer ${second}` } });
  t.equal(other.status, 200, 'and its token works at once');

  const verifyLog = run(['-s', 'verify-log'], { DATA_DIR: env.DATA_DIR });
  t.equal(await verifyLog.exited, 0, `verify-log while the API runs: ${verifyLog.output().stderr}`);
  t.match(verifyLog.output().stdout, /^log OK: 2 events in 2 streams/);

  first.ctrlC();
  t.equal(await first.exited, 0, 'Ctrl-C: pnpm exits 0');
  t.notMatch(first.output().stdout + first.output().stderr, /ELIFECYCLE|ERR_PNPM/, 'and says nothing of a failure');

  const again = run(['start'], env);
  t.teardown(() => {
    if (again.child.exitCode === null) process.kill(-again.child.pid!, 'SIGKILL');
  });
  await again.waitFor(/Semáforo API listening/);
  again.ctrlC();
  t.equal(await again.exited, 0);
  t.notMatch(again.output().stderr + again.output().stdout, /smf_|First admin token/, 'a later start never prints a token');
});
