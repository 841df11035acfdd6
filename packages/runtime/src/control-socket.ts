import { chmod, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';
import type { Config } from './config.js';

/**
 * PGlite lets one process at a time open its data folder, and the running
 * service is that process. So that `pnpm admin`, `pnpm report` and
 * `pnpm verify-log` still work while it runs, the service listens on a Unix
 * socket inside the data folder and runs those commands itself, on the store
 * it holds. Whoever may open the socket (its owner: mode 0600) could open the
 * data folder anyway, so the socket grants nothing new.
 */
export type ControlTool = 'admin' | 'report';

export interface ControlRequest {
  readonly tool: ControlTool;
  readonly argv: readonly string[];
  /** Where the person typed the command: a relative `--out` starts there. */
  readonly cwd: string;
}

export interface ControlOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Runs one forwarded command and resolves to its exit code. */
export type ControlHandler = (request: ControlRequest, output: ControlOutput) => Promise<number>;

/** The socket's path for an embedded store on disk; none for PostgreSQL (any number of processes may connect) or `memory://`. */
export function controlSocketPath(config: Pick<Config, 'dataDir' | 'databaseUrl'>): string | undefined {
  if (config.databaseUrl !== undefined || config.dataDir.startsWith('memory://')) return undefined;
  return join(config.dataDir, 'control.sock');
}

/**
 * Serves forwarded commands on `path`. Call it only once the store is open:
 * the service then owns the data folder, so a socket file already there is
 * a crashed run's leftover and is replaced.
 */
export async function serveControlSocket(path: string, handler: ControlHandler): Promise<{ close(): Promise<void> }> {
  await rm(path, { force: true });
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const parsed = parseRequest(body);
      if (parsed === undefined) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('expected {"tool":"admin"|"report","argv":[...],"cwd":"..."}\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const send = (line: Record<string, unknown>): void => void res.write(`${JSON.stringify(line)}\n`);
      void handler(parsed, { stdout: (text) => send({ stdout: text }), stderr: (text) => send({ stderr: text }) })
        .catch((error: unknown) => {
          send({ stderr: `${error instanceof Error ? error.message : String(error)}\n` });
          return 1;
        })
        .then((exitCode) => res.end(`${JSON.stringify({ exitCode })}\n`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  await chmod(path, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parseRequest(body: string): ControlRequest | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null) return undefined;
    const { tool, argv, cwd } = value as Record<string, unknown>;
    if (tool !== 'admin' && tool !== 'report') return undefined;
    if (!Array.isArray(argv) || !argv.every((arg) => typeof arg === 'string') || typeof cwd !== 'string') return undefined;
    return { tool, argv, cwd };
  } catch {
    return undefined;
  }
}

/**
 * Runs the command in the service listening on `path`, copying its output
 * here; resolves to its exit code, or to `undefined` when no service listens
 * (then the caller opens the store itself).
 */
export function forwardToRunningService(path: string | undefined, request: ControlRequest, output: ControlOutput): Promise<number | undefined> {
  if (path === undefined) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ socketPath: path, method: 'POST', path: '/run', headers: { 'content-type': 'application/json' } }, (res) => {
      let pending = '';
      let exitCode: number | undefined;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (line === '') continue;
          const message = JSON.parse(line) as { stdout?: string; stderr?: string; exitCode?: number };
          if (message.stdout !== undefined) output.stdout(message.stdout);
          if (message.stderr !== undefined) output.stderr(message.stderr);
          if (message.exitCode !== undefined) exitCode = message.exitCode;
        }
      });
      res.on('end', () =>
        exitCode === undefined ? reject(new Error('the running service closed the connection before the command ended')) : resolve(exitCode),
      );
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // No socket, or a crashed run's leftover: nobody holds the store.
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(undefined);
      else reject(error);
    });
    req.end(JSON.stringify(request));
  });
}
