import { ConfigError, createLogger, describeStore, findRepoRoot, loadConfig, openDeployment, type Config, type Deployment } from '@semaforo/runtime';
import { buildApp } from './app.js';

/**
 * Starts the API: configuration, store, app, listen. The first SIGTERM or
 * SIGINT stops accepting requests, lets those in flight finish, then closes
 * the store, and exits 0; a second one exits at once (1). Any failure to
 * start prints what to fix and exits 1.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });

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
    logger,
  });
  // The projections, in this process unless RUN_PROJECTOR=false; `deployment.close()` stops them before it closes the store.
  if (config.runProjector !== false) deployment.startProjections({ logger });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping: finishing requests in flight, then closing the store');
    void (async () => {
      let code = 0;
      try {
        await app.close();
      } catch (error) {
        logger.error({ err: error }, 'the server did not close cleanly');
        code = 1;
      }
      try {
        await deployment.close();
      } catch (error) {
        logger.error({ err: error }, 'the event store did not close cleanly');
        code = 1;
      }
      logger.info({ exitCode: code }, 'stopped');
      // The logger writes stdout asynchronously, and pino's flush does not wait
      // for a write in flight: process.exit() here could lose the last lines.
      // Let the process end on its own once they are written; a handle left
      // open by mistake must not keep it alive, hence the deadline.
      process.exitCode = code;
      setTimeout(() => process.exit(code), 2_000).unref();
    })();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await deployment.close().catch(() => undefined);
    const hint = codeOf(error) === 'EADDRINUSE' ? ' Another process uses it: stop it or set PORT.' : '';
    fail(`Cannot listen on ${config.host}:${config.port}: ${messageOf(error)}.${hint}`);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  logger.info({ url: `http://${config.host}:${port}`, docs: `http://${config.host}:${port}/docs`, store: describeStore(config) }, 'Semáforo API listening');
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
