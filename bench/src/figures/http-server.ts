import Fastify from 'fastify';
import { buildApp } from '@semaforo/api';
import type { CommandMetadata } from '@semaforo/commands';
import { openEventStore } from '@semaforo/event-store';
import { createLogger } from '@semaforo/runtime';

/*
 * A server for the `http` figure, run as a child process so that the load
 * generator does not share its event loop. `api <databaseUrl> <institution>…`
 * serves the real API (projections off, rate limit off) and issues an admin
 * token per institution; `bare` serves one route answering a constant. Both
 * print one JSON line ({ port, tokens }) once listening, and stop on SIGTERM.
 */

const [mode, databaseUrl, ...institutions] = process.argv.slice(2);

interface AccessIssuer {
  issue(request: { institutionId: string; role: 'admin'; label: string }, metadata: CommandMetadata): Promise<{ token: string }>;
}

async function start(): Promise<{ port: number; tokens: Record<string, string>; close: () => Promise<void> }> {
  if (mode === 'bare') {
    const app = Fastify({ logger: false });
    app.put('/v1/plans/:planId/indicators/:code/results/:period', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: (app.server.address() as { port: number }).port, tokens: {}, close: () => app.close() };
  }
  if (mode !== 'api' || databaseUrl === undefined) throw new Error('usage: http-server.ts api <databaseUrl> <institution>… | bare');
  const { store, sql } = await openEventStore({ databaseUrl, dataDir: 'unused' });
  const app = await buildApp({
    config: {
      port: 0,
      host: '127.0.0.1',
      dataDir: 'memory://',
      databaseUrl,
      logLevel: 'silent',
      nodeEnv: 'production',
      runProjector: false,
      rateLimitPerMinute: 0,
    },
    store,
    sql,
    logger: createLogger({ level: 'silent' }),
  });
  // The app's access directory, as the admin CLI and the API's own tests use it; its
  // fastify decorator type is declared in a module of the API that this package does not see.
  const access = (app as unknown as { access: AccessIssuer }).access;
  const tokens: Record<string, string> = {};
  for (const institutionId of institutions) {
    const requestId = crypto.randomUUID();
    const issued = await access.issue(
      { institutionId, role: 'admin', label: 'bench' },
      {
        actor: { id: 'bench', role: 'operator' },
        source: 'cli',
        requestId,
        correlationId: requestId,
        recordedAt: new Date().toISOString(),
        newEventId: () => crypto.randomUUID(),
      },
    );
    tokens[institutionId] = issued.token;
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (app.server.address() as { port: number }).port,
    tokens,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

const server = await start();
process.stdout.write(`${JSON.stringify({ port: server.port, tokens: server.tokens })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
