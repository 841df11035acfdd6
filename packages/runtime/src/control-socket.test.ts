import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { controlSocketPath, forwardToRunningService, serveControlSocket } from './control-socket.js';

t.test('a command forwarded to the service that holds the store runs there, its output and exit code come back', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'semaforo-control-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = controlSocketPath({ dataDir: dir })!;
  await writeFile(path, 'left by a crashed run');
  const seen: unknown[] = [];
  const control = await serveControlSocket(path, async (request, output) => {
    seen.push(request);
    output.stderr('working\n');
    output.stdout('smf_x\n');
    return 3;
  });
  t.teardown(() => control.close());
  let stdout = '';
  let stderr = '';
  const code = await forwardToRunningService(
    path,
    { tool: 'admin', argv: ['bootstrap', '--institution', 'x'], cwd: '/somewhere' },
    { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
  );
  t.equal(code, 3);
  t.equal(stdout, 'smf_x\n');
  t.equal(stderr, 'working\n');
  t.same(seen, [{ tool: 'admin', argv: ['bootstrap', '--institution', 'x'], cwd: '/somewhere' }]);
});

t.test('with no service listening, nothing is forwarded: the caller opens the store itself', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'semaforo-control-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const ignore = { stdout: () => undefined, stderr: () => undefined };
  const request = { tool: 'report', argv: ['verify-log'], cwd: dir } as const;
  t.equal(await forwardToRunningService(join(dir, 'control.sock'), request, ignore), undefined, 'no socket');
  await writeFile(join(dir, 'control.sock'), '');
  t.equal(await forwardToRunningService(join(dir, 'control.sock'), request, ignore), undefined, 'a leftover file, not a socket');
  t.equal(await forwardToRunningService(undefined, request, ignore), undefined, 'PostgreSQL or memory://: no socket at all');
  t.equal(controlSocketPath({ dataDir: dir, databaseUrl: 'postgres://x/y' }), undefined);
  t.equal(controlSocketPath({ dataDir: 'memory://' }), undefined);
});
