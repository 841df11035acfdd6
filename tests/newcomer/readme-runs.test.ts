import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { findRepoRoot } from '@semaforo/runtime';

/**
 * A newcomer's first hour, from the README itself: every command of the
 * fenced `sh` blocks of "Start it" and "Try it" (up to the next heading),
 * in order, as written, on a port and a data folder of the test's own. A
 * fresh clone and `pnpm install` would take too long for CI, so the install
 * line alone is skipped (it must still be there, as written); `pnpm start`
 * runs in the background, the way a person leaves it in a first terminal.
 */
const root = findRepoRoot();
const PORT = '4232';
const INSTALL = 'corepack enable && COREPACK_INTEGRITY_KEYS=0 pnpm install';

function commandsOf(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README has no "## ${heading}" section`);
  const rest = readme.slice(start + heading.length + 5);
  const end = rest.search(/\n#{2,3} /);
  const section = end === -1 ? rest : rest.slice(0, end);
  const commands: string[] = [];
  for (const block of section.matchAll(/```sh\n([^]*?)```/g)) {
    // A line ending in a backslash goes on: one command.
    for (const command of block[1]!.replace(/\\\n/g, ' ').split('\n')) if (command.trim() !== '') commands.push(command.trim());
  }
  return commands;
}

function onOurPort(command: string): string {
  return command.replaceAll('127.0.0.1:3000', `127.0.0.1:${PORT}`);
}

t.test('the README\'s "Start it" and "Try it" run, in order, as written', async (t) => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const startIt = commandsOf(readme, 'Start it');
  const tryIt = commandsOf(readme, 'Try it');
  t.equal(startIt[0], INSTALL, 'Start it begins with the install (not run here: this checkout is installed)');
  const start = startIt.slice(1);
  t.equal(start.length, 1, 'then one command, which starts the service');
  t.match(start[0], /pnpm start$/);
  t.ok(tryIt.length > 0, 'Try it has commands');

  const dir = await mkdtemp(join(tmpdir(), 'semaforo-newcomer-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const env = { ...process.env, PORT, DATA_DIR: join(dir, 'data') };

  // The first terminal: its own process group, as a terminal's foreground job.
  const service = spawn('bash', ['-c', start[0]!], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  t.teardown(() => {
    if (service.exitCode === null) process.kill(-service.pid!, 'SIGKILL');
  });
  let serviceOutput = '';
  service.stdout.setEncoding('utf8').on('data', (chunk: string) => (serviceOutput += chunk));
  service.stderr.setEncoding('utf8').on('data', (chunk: string) => (serviceOutput += chunk));
  const serviceExited = (once(service, 'close') as Promise<[number | null]>).then(([code]) => code);
  while (!/First admin token of \S+ \(token id/.test(serviceOutput) || !/Semáforo API listening/.test(serviceOutput)) {
    if (service.exitCode !== null) throw new Error(`pnpm start exited (${service.exitCode}): ${serviceOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  t.pass('the service started and printed the first admin token');

  // The second terminal: one shell, so that TOKEN carries from line to line; the first failing line stops it.
  const script = ['set -euo pipefail', `trap 'echo "FAILED: $BASH_COMMAND" >&2' ERR`, ...tryIt.map(onOurPort)].join('\n');
  const shell = spawn('bash', ['-c', script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let shellOutput = '';
  shell.stdout.setEncoding('utf8').on('data', (chunk: string) => (shellOutput += chunk));
  shell.stderr.setEncoding('utf8').on('data', (chunk: string) => (shellOutput += chunk));
  const [code] = (await once(shell, 'close')) as [number | null];
  t.equal(code, 0, `every Try it command succeeds:\n${shellOutput}`);

  process.kill(-service.pid!, 'SIGINT');
  t.equal(await serviceExited, 0, 'Ctrl-C stops it with exit 0');
  t.notMatch(serviceOutput, /ELIFECYCLE|ERR_PNPM/, 'and pnpm says nothing of a failure');
});
