// Plain JavaScript so it runs before anything is compiled: `pnpm start`, `pnpm report`, `pnpm admin` and
// `pnpm verify-log` go through it. It brings the TypeScript build up to date (`tsc -b`, a minute or more
// on a fresh clone, seconds afterwards), saying on stderr which project it builds so a first start is
// never silent, then runs the compiled entry point in this same process: no wrapper shell is left between
// pnpm and the service, so Ctrl-C reaches the service alone and its clean exit 0 is pnpm's exit code.
// Usage: node scripts/build-and-run.mjs <entry, relative to the repository root> [arguments...]
import { spawn } from 'node:child_process';
import process from 'node:process';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (entry === undefined) {
  process.stderr.write('Usage: node scripts/build-and-run.mjs <entry.js> [arguments...]\n');
  process.exit(2);
}

const tsc = createRequire(resolve(root, 'package.json')).resolve('typescript/bin/tsc');
const code = await new Promise((done) => {
  const child = spawn(process.execPath, [tsc, '-b', '--verbose'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let total = 0;
  let built = 0;
  let pending = '';
  const output = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      output.push(line);
      // tsc's --verbose lists the projects ("    * path/tsconfig.json"), then "Building project '…'" for each out-of-date one.
      if (/^\s+\* /.test(line)) total += 1;
      const building = /Building project '(.+)'\.\.\./.exec(line);
      if (building !== null) {
        built += 1;
        if (built === 1) process.stderr.write('Building Semáforo (TypeScript, tsc -b): a minute or two the first time, seconds afterwards.\n');
        process.stderr.write(`  [${built}/${total}] ${relative(root, dirname(building[1])) || '.'}\n`);
      }
    }
  });
  child.on('close', (exitCode) => {
    // The compiler's errors come on stdout among the verbose lines: show them when it fails.
    if (exitCode !== 0) process.stderr.write(`${output.filter((line) => !/^\[\d/.test(line) && !/^\s+\* /.test(line)).join('\n')}\n`);
    done(exitCode ?? 1);
  });
});
if (code !== 0) {
  process.stderr.write('The build failed (above); nothing was started.\n');
  process.exit(code);
}
process.argv = [process.argv[0], resolve(root, entry), ...args];
await import(pathToFileURL(resolve(root, entry)).href);
