import { controlSocketPath, findRepoRoot, forwardToRunningService, loadConfig } from '@semaforo/runtime';
import { runReporter } from './cli.js';

/** `pnpm report <command> ...`: inside the running API when it holds the embedded store (see `serveControlSocket`). */
const io = {
  env: process.env,
  // pnpm runs the script inside services/reporter; INIT_CWD is where the person typed the command.
  cwd: process.env['INIT_CWD'] ?? process.cwd(),
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};
const argv = process.argv.slice(2);
process.exitCode = (await forwardToRunningService(socketOf(), { tool: 'report', argv, cwd: io.cwd }, io)) ?? (await runReporter(argv, io));

function socketOf(): string | undefined {
  try {
    return controlSocketPath(loadConfig(process.env, { repoRoot: findRepoRoot() }));
  } catch {
    return undefined; // runReporter reports the configuration's problems
  }
}
