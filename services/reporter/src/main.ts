import { runReporter } from './cli.js';

/** `pnpm report <command> ...` (or `pnpm --filter @semaforo/reporter start -- <command> ...`). */
const code = await runReporter(process.argv.slice(2), {
  env: process.env,
  // pnpm runs the script inside services/reporter; INIT_CWD is where the person typed the command.
  cwd: process.env['INIT_CWD'] ?? process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
