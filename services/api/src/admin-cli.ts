import { controlSocketPath, findRepoRoot, forwardToRunningService, loadConfig } from '@semaforo/runtime';
import { runAdmin } from './auth/admin-commands.js';

/** `pnpm admin -- bootstrap --institution <id>`: see `runAdmin`; inside the running API when it holds the embedded store. */
const io = {
  env: process.env,
  repoRoot: findRepoRoot(),
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};
const argv = process.argv.slice(2);
process.exitCode = (await forwardToRunningService(socketOf(), { tool: 'admin', argv, cwd: process.cwd() }, io)) ?? (await runAdmin(argv, io));

function socketOf(): string | undefined {
  try {
    return controlSocketPath(loadConfig(process.env, { repoRoot: io.repoRoot }));
  } catch {
    return undefined; // runAdmin reports the configuration's problems
  }
}
