import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { findRepoRoot } from '@semaforo/runtime';

/**
 * Every `sh` block of the services' and packages' READMEs runs, in order, as
 * written, in one shell per README (so a variable set in one block is there
 * in the next), on a port and data folders of the test's own. A block that
 * cannot run here says so just before it: `<!-- not run: <why> -->`. Every
 * fenced block names its language, so a shell block cannot hide untagged.
 */
const root = findRepoRoot();
const PORT = '4233';
const NOT_RUN = /<!-- not run: (\S[^>]*?) -->\s*$/;

interface Block {
  readonly readme: string;
  readonly line: number;
  readonly language: string;
  readonly body: string;
  /** Why it is not run, when the README says it is not. */
  readonly notRun?: string;
}

function readmes(): string[] {
  return ['services', 'packages'].flatMap((folder) =>
    readdirSync(join(root, folder))
      .map((name) => join(folder, name, 'README.md'))
      .filter((path) => existsSync(join(root, path))),
  );
}

function blocksOf(readme: string): Block[] {
  const text = readFileSync(join(root, readme), 'utf8');
  const blocks: Block[] = [];
  for (const match of text.matchAll(/^```([^\n]*)\n([^]*?)^```$/gm)) {
    const before = text.slice(0, match.index);
    const notRun = NOT_RUN.exec(before)?.[1];
    blocks.push({
      readme,
      line: before.split('\n').length,
      language: match[1]!.trim(),
      body: match[2]!,
      ...(notRun === undefined ? {} : { notRun }),
    });
  }
  return blocks;
}

/**
 * The service a README's commands need: started as the README's prose says, the last `… pnpm start` written
 * before the first block that calls the API, in the background (as in a terminal of its own).
 */
function serviceCommandOf(readme: string, blocks: readonly Block[]): string | undefined {
  const first = blocks.find((block) => block.notRun === undefined && block.body.includes('127.0.0.1:3000'));
  if (first === undefined) return undefined;
  const text = readFileSync(join(root, readme), 'utf8');
  const before = text.split('\n').slice(0, first.line).join('\n');
  const commands = [...before.matchAll(/`((?:[A-Z_]+=\S+ )*pnpm start)`/g)].map((match) => match[1]!);
  if (commands.length === 0) throw new Error(`${readme}: the block at line ${first.line} calls the API, and nothing before it says how to start it`);
  return commands[commands.length - 1];
}

/** What a README's comments promise its commands answer, where a curl exits 0 whatever the status. */
const expectations: Readonly<Record<string, (t: Test, output: string) => void>> = {
  'services/api/README.md': (t, output) => {
    for (const code of ['REASON_REQUIRED', 'PRECONDITION_FAILED', 'ROLE_NOT_ALLOWED', 'PLAN_NOT_FOUND'])
      t.match(output, `"code":"${code}"`, `the walkthrough's ${code}, as its comment says`);
    t.match(output, /^idempotent-replayed: true\r?$/im, 'the justification replayed');
    t.match(output, /^304$/m, 'the read with the ETag held');
    t.match(output, /"tokenId":"[0-9a-f]{16}","institutionId":"upisss","role":"reporter"/, 'a reporter token issued');
    t.notMatch(output, /"code":"(?:UNKNOWN_TOKEN_UNITS|VALIDATION_FAILED|NOT_FOUND)"/, 'no answer the walkthrough does not promise');
    t.equal(output.match(/"status":401/g)?.length, 1, 'one 401: the revoked token, at the end');
  },
};

t.test('every fenced block of the services’ and packages’ READMEs names its language', async (t) => {
  const all = readmes().flatMap(blocksOf);
  t.ok(all.length > 0, 'there are blocks');
  for (const block of all) t.not(block.language, '', `${block.readme}:${block.line} names its language (sh is run, text is not)`);
});

for (const readme of readmes()) {
  const blocks = blocksOf(readme).filter((block) => block.language === 'sh');
  if (blocks.length === 0) continue;
  t.test(`${readme}: every sh block runs, in order, as written`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'semaforo-readme-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    // The README's own folders, as written, become the test's: the commands run on a machine where a person may use them.
    const onOurs = (command: string): string =>
      command.replaceAll('127.0.0.1:3000', `127.0.0.1:${PORT}`).replace(/\/tmp\/semaforo-[a-z-]+/g, (path) => join(dir, path.slice('/tmp/'.length)));
    const env = { ...process.env, PORT, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn' };

    const service = serviceCommandOf(readme, blocks);
    let serviceOutput = '';
    let stopService = async (): Promise<void> => undefined;
    if (service !== undefined) {
      const child = spawn('bash', ['-c', onOurs(service)], {
        cwd: root,
        env: { ...env, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      t.teardown(() => {
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      });
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (serviceOutput += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (serviceOutput += chunk));
      const exited = (once(child, 'close') as Promise<[number | null]>).then(([code]) => code);
      while (!/Semáforo API listening/.test(serviceOutput)) {
        if (child.exitCode !== null) throw new Error(`${service} exited (${child.exitCode}): ${serviceOutput}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      stopService = async () => {
        process.kill(-child.pid!, 'SIGINT');
        t.equal(await exited, 0, `${service} stops with exit 0`);
      };
    }

    const run = blocks.filter((block) => block.notRun === undefined);
    const script = [
      'set -euo pipefail',
      `trap 'echo "FAILED: $BASH_COMMAND" >&2' ERR`,
      ...run.flatMap((block) => [`echo "### block at line ${block.line}" >&2`, onOurs(block.body)]),
      'echo "### every block ran" >&2',
    ].join('\n');
    const shell = spawn('bash', ['-c', script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    shell.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    shell.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const [code] = (await once(shell, 'close')) as [number | null];
    t.equal(code, 0, code === 0 ? 'every command succeeds' : `every command succeeds:\n${output}`);
    for (const block of run) t.match(output, `### block at line ${block.line}\n`, `the block at line ${block.line} ran`);
    t.match(output, '### every block ran');
    expectations[readme]?.(t, output);
    await stopService();
    t.notMatch(serviceOutput, /ELIFECYCLE|ERR_PNPM/, 'and pnpm says nothing of a failure');
  });
}
