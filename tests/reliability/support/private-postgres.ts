import { execFile } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * A PostgreSQL cluster of its own, for a test that stops and starts it
 * (the shared server on 5432 serves every other test file at the same
 * time: it is never touched). initdb into a temporary directory, trust
 * authentication on 127.0.0.1 at a free port, its socket in that
 * directory; removed at the end.
 *
 * PostgreSQL refuses to run as root: as root, every command runs as the
 * `postgres` user (runuser), which then owns the directory.
 */
export interface PrivatePostgres {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly dataDir: string;
  /** `fast`: a clean shutdown that terminates sessions; `immediate`: as a crash (recovery at the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops it (if running) and removes its directory. */
  destroy(): Promise<void>;
}

/** Where initdb, pg_ctl and postgres are: PATH first, then Debian's /usr/lib/postgresql/<version>/bin (newest). */
export function postgresBinDir(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return undefined;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs one of PostgreSQL's programs (as the `postgres` user when we are root), failing with its stderr. */
export async function runPostgresProgram(command: string, args: readonly string[]): Promise<string> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error('initdb and pg_ctl are neither on PATH nor under /usr/lib/postgresql/*/bin');
  // PATH may hold links to a few of the programs only (initdb, pg_ctl): the others are beside their target.
  const file = existsSync(join(bin, command)) ? join(bin, command) : join(dirname(realpathSync(join(bin, 'initdb'))), command);
  const [program, argv] = userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, [...args]];
  try {
    const { stdout } = await exec(program, argv, { timeout: 120_000 });
    return stdout;
  } catch (error) {
    const detail = error as { stderr?: string; message?: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${detail.stderr ?? detail.message ?? String(error)}`);
  }
}

/** A temporary directory the `postgres` user owns when we are root (PostgreSQL refuses to run as root). */
export async function postgresOwnedTempDir(prefix: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  if (userInfo().uid === 0) {
    const { stdout } = await exec('id', ['-u', 'postgres']);
    const { stdout: group } = await exec('id', ['-g', 'postgres']);
    await chown(root, Number(stdout.trim()), Number(group.trim()));
  }
  return root;
}

/** `port`: the one to listen on (a free one when absent). */
export async function startPrivatePostgres(settings: { readonly port?: number } = {}): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error('initdb and pg_ctl are neither on PATH nor under /usr/lib/postgresql/*/bin');
  const asRoot = userInfo().uid === 0;
  const run = async (command: string, args: readonly string[]): Promise<string> => {
    const file = join(bin, command);
    const [program, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, [...args]];
    try {
      const { stdout } = await exec(program, argv, { timeout: 120_000 });
      return stdout;
    } catch (error) {
      const detail = error as { stderr?: string; message?: string };
      throw new Error(`${command} ${args.join(' ')} failed: ${detail.stderr ?? detail.message ?? String(error)}`);
    }
  };

  const root = await mkdtemp(join(tmpdir(), 'semaforo-pg-'));
  const dataDir = join(root, 'data');
  if (asRoot) {
    const { stdout } = await exec('id', ['-u', 'postgres']);
    const { stdout: group } = await exec('id', ['-g', 'postgres']);
    await chown(root, Number(stdout.trim()), Number(group.trim()));
  }
  const port = settings.port ?? (await freePort());
  await run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  // Small and fast: a throw-away cluster that is restarted on purpose, durability beyond a crash is not under test here
  // (fsync stays on: an `immediate` stop must still find every acknowledged commit at restart).
  const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c max_connections=60 -c shared_buffers=32MB`;
  const logFile = join(root, 'postgres.log');
  let running = false;

  const start = async (): Promise<void> => {
    await run('pg_ctl', ['-D', dataDir, '-o', options, '-l', logFile, '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    await run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    running = false;
  };
  await start();

  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    stop,
    start,
    async destroy() {
      if (running) await stop('immediate').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
