import { ENTRY_POINTS, runToEnd, startChild, type RunningChild } from './child-process.js';

export interface ApiServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly process: RunningChild;
}

/**
 * The API as deployed: `server.ts` in its own process, on PostgreSQL, on a
 * free port (PORT=0; the port is read from its "listening" log line), no
 * rate limit (the tests are the load), projections in process unless
 * `RUN_PROJECTOR=false` is given.
 */
export async function startApi(databaseUrl: string, env: Readonly<Record<string, string>> = {}): Promise<ApiServer> {
  const child = startChild(ENTRY_POINTS.api, [], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const url = await child.waitForLine((line) => {
    if (!line.includes('Semáforo API listening')) return undefined;
    const entry = JSON.parse(line) as { url?: unknown };
    return typeof entry.url === 'string' ? entry.url : undefined;
  });
  return { url, process: child };
}

/**
 * The first admin token of an institution, from the command an operator
 * runs (`pnpm admin -- bootstrap`), printed once on stdout.
 */
export async function bootstrapAdminToken(databaseUrl: string, institutionId: string): Promise<string> {
  const run = await runToEnd(ENTRY_POINTS.admin, ['bootstrap', '--institution', institutionId], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  const token = run.stdout.trim().split('\n')[0] ?? '';
  if (run.code !== 0 || !token.startsWith('smf_')) throw new Error(`bootstrap failed (${run.code}): ${run.stderr}`);
  return token;
}
