import {
  ConfigError,
  controlSocketPath,
  createLogger,
  createPrettyDestination,
  DEFAULT_READ_WAIT_MS,
  describeStore,
  findRepoRoot,
  loadConfig,
  openDeployment,
  serveControlSocket,
  startTracing,
  type Config,
  type Deployment,
} from '@semaforo/runtime';
import { buildApp } from './app.js';
import { controlCommands } from './control-commands.js';
import { firstStart, terminalQuestion } from './first-start.js';

/**
 * Starts the API: configuration, store, app, listen. The first SIGTERM or
 * SIGINT stops accepting requests, lets those in flight finish, then closes
 * the store, and exits 0; a second one exits at once (1). Any failure to
 * start prints what to fix and exits 1 (a second signal within a second is
 * the same Ctrl-C, passed on by pnpm, and is ignored).
 */
async function main(): Promise<void> {
  const config = readConfig();
  // pino's convention: JSON lines, unless a person reads them on a terminal.
  const logger = createLogger({ level: config.logLevel, ...(process.stdout.isTTY === true ? { destination: createPrettyDestination() } : {}) });

  // A Ctrl-C while the store opens waits for it, then stops as any other: never killed half-open.
  let signalledEarly: NodeJS.Signals | undefined;
  const early = (signal: NodeJS.Signals): void => void (signalledEarly ??= signal);
  process.on('SIGTERM', early);
  process.on('SIGINT', early);

  // Before anything that opens a span; a no-op, loading nothing, without OTEL_EXPORTER_OTLP_ENDPOINT.
  const tracing = await startTracing(config, 'semaforo-api');
  if (tracing !== undefined) logger.info({ endpoint: tracing.endpoint, serviceName: tracing.serviceName }, 'tracing: spans exported over OTLP/HTTP');

  let deployment: Deployment;
  try {
    deployment = await openDeployment(config);
  } catch (error) {
    logger.fatal({ err: error }, 'cannot open the event store');
    fail(`Cannot start: ${messageOf(error)} (${describeStore(config)}).`);
  }

  // The read-model database also keeps the idempotency keys, so every API process on it shares them.
  const app = await buildApp({
    config,
    store: deployment.store,
    readModels: deployment.readModels,
    readReplicas: deployment.readReplicas,
    sql: deployment.readModels,
    readWaitMs: config.readWaitMs ?? DEFAULT_READ_WAIT_MS,
    logger,
  });
  // The projections, in this process unless RUN_PROJECTOR=false; `deployment.close()` stops them before it closes the store.
  if (config.runProjector !== false) deployment.startProjections({ logger });

  const socketPath = controlSocketPath(config);
  let control: { close(): Promise<void> } | undefined;
  if (socketPath !== undefined) {
    try {
      control = await serveControlSocket(socketPath, controlCommands(deployment, { env: process.env, repoRoot: findRepoRoot() }));
    } catch (error) {
      logger.warn({ err: error, socket: socketPath }, 'no control socket: pnpm admin and pnpm report will need the API stopped');
    }
  }

  let stoppingSince: number | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    if (stoppingSince !== undefined) {
      // On Ctrl-C the terminal signals the whole group and pnpm passes the same signal on: that copy
      // comes within milliseconds and is not a person's second Ctrl-C.
      if (Date.now() - stoppingSince < 1_000) return;
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'stopping: finishing requests in flight, then closing the store');
    void (async () => {
      let code = 0;
      try {
        await app.close();
      } catch (error) {
        logger.error({ err: error }, 'the server did not close cleanly');
        code = 1;
      }
      await control?.close().catch(() => undefined);
      try {
        await deployment.close();
      } catch (error) {
        logger.error({ err: error }, 'the event store did not close cleanly');
        code = 1;
      }
      // Last: the spans of the requests and batches that just finished are exported too.
      await tracing?.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'the last spans could not be exported'));
      logger.info({ exitCode: code }, 'stopped');
      // The logger writes stdout asynchronously, and pino's flush does not wait
      // for a write in flight: process.exit() here could lose the last lines.
      // Let the process end on its own once they are written; a handle left
      // open by mistake must not keep it alive, hence the deadline.
      process.exitCode = code;
      setTimeout(() => process.exit(code), 2_000).unref();
    })();
  };
  process.off('SIGTERM', early);
  process.off('SIGINT', early);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (signalledEarly !== undefined) {
    stop(signalledEarly);
    return;
  }

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await control?.close().catch(() => undefined);
    await deployment.close().catch(() => undefined);
    const hint = codeOf(error) === 'EADDRINUSE' ? ' Another process uses it: stop it or set PORT.' : '';
    fail(`Cannot listen on ${config.host}:${config.port}: ${messageOf(error)}.${hint}`);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, docs: `${url}/docs`, store: describeStore(config) }, 'Semáforo API listening');
  const terminal = terminalQuestion();
  await firstStart(deployment.store, {
    ...(config.firstInstitution === undefined ? {} : { institution: config.firstInstitution }),
    ...(terminal === undefined ? {} : { ask: terminal.ask }),
    logger,
    url,
    // Not stdout: without a terminal it carries JSON log lines, for a collector.
    print: (text) => process.stderr.write(text),
  }).finally(() => terminal?.close());
}

function readConfig(): Config {
  try {
    return loadConfig(process.env, { repoRoot: findRepoRoot() });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`The API could not start: ${messageOf(error)}\n`);
  process.exit(1);
});
