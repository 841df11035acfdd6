import { runImportCli } from './cli.js';

/** `pnpm import --plan … --file …` (or `pnpm --filter @semaforo/importer-cli start -- …`). */
const code = await runImportCli(process.argv.slice(2), {
  env: process.env,
  // pnpm runs the script inside services/importer; INIT_CWD is where the person typed the command.
  cwd: process.env['INIT_CWD'] ?? process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: process.stderr,
});
process.exitCode = code;
