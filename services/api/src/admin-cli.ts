import { findRepoRoot } from '@semaforo/runtime';
import { runAdmin } from './auth/admin-commands.js';

/** `pnpm admin -- bootstrap --institution <id>`: see `runAdmin`. */
process.exitCode = await runAdmin(process.argv.slice(2), {
  env: process.env,
  repoRoot: findRepoRoot(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
