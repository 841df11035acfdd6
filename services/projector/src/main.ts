import { allProjections } from '@semaforo/runtime';
import { runCli } from './cli.js';

/*
 * The projector as its own process (PostgreSQL only): `start` (the default)
 * runs every projection until SIGTERM or SIGINT; `rebuild <name>` and
 * `status` for operators. Several processes may run `start` at once: each
 * projection version is applied by one of them at a time (advisory locks),
 * the others wait to take over.
 */
const controller = new AbortController();
let signals = 0;
const onSignal = (): void => {
  signals += 1;
  // The second signal does not wait.
  if (signals > 1) process.exit(1);
  controller.abort();
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

runCli({
  argv: process.argv.slice(2),
  env: process.env,
  projections: allProjections,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The projector failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
