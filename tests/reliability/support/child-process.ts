import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The repository root: where every entry point below is resolved from. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A service's TypeScript entry point, run from sources as the tests run everything (tsx, `semaforo-source`). */
export const ENTRY_POINTS = {
  api: 'services/api/src/server.ts',
  admin: 'services/api/src/admin-cli.ts',
  projector: 'services/projector/src/main.ts',
  reporter: 'services/reporter/src/main.ts',
} as const;

export interface RunningChild {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly pid: number;
  /** Resolves with the exit code, or the signal that ended it. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** The last stdout lines (at most 5,000: a service logs a line or two per request). */
  readonly lines: string[];
  /** Stdout (its first megabyte). */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line `match` accepts; rejects if the process exits first. */
  waitForLine<T>(match: (line: string) => T | undefined): Promise<T>;
  /** SIGKILL: no handler runs, nothing is flushed: a crash. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs` if it is still there. Resolves with how it ended. */
  stop(graceMs?: number): Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

/**
 * Starts one of our programs as a separate process, with only the
 * environment given (plus PATH): what it does not get, it cannot depend on.
 */
export function startChild(entry: string, args: readonly string[], env: Readonly<Record<string, string>>): RunningChild {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=semaforo-source', entry, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${entry}`);
  let stdout = '';
  let stderr = '';
  const lines: string[] = [];
  const watchers = new Set<(line: string) => void>();
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 1_000_000) stderr += chunk;
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (stdout.length < 1_000_000) stdout += `${line}\n`;
    lines.push(line);
    if (lines.length > 5_000) lines.splice(0, lines.length - 4_000);
    for (const watcher of watchers) watcher(line);
  });
  // 'close', not 'exit': by then stdout has ended and every line was seen.
  const exited = once(child, 'close').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  return {
    child,
    pid,
    exited,
    lines,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForLine<T>(match: (line: string) => T | undefined): Promise<T> {
      for (const line of lines) {
        const found = match(line);
        if (found !== undefined) return Promise.resolve(found);
      }
      return new Promise<T>((resolve, reject) => {
        const watcher = (line: string) => {
          const found = match(line);
          if (found === undefined) return;
          watchers.delete(watcher);
          resolve(found);
        };
        watchers.add(watcher);
        void exited.then(({ code, signal }) => {
          if (!watchers.delete(watcher)) return;
          reject(new Error(`${entry} exited (${signal ?? code}) before the line we waited for. stderr:\n${stderr.slice(-4_000)}`));
        });
      });
    },
    async kill() {
      if (gone()) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 15_000) {
      if (gone()) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Runs a command to its end; resolves with its exit code and output. */
export async function runToEnd(
  entry: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }> {
  const running = startChild(entry, args, env);
  const { code } = await running.exited;
  return { code, stdout: running.stdout(), stderr: running.stderr() };
}
