import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The monorepo's root: the nearest folder above this file holding
 * `pnpm-workspace.yaml`. Found from the file, not from the working
 * directory, because `pnpm --filter @semaforo/api start` runs in
 * `services/api` while a person at the root expects `.data/` at the root.
 */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let folder = from;
  for (;;) {
    if (existsSync(join(folder, 'pnpm-workspace.yaml'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No pnpm-workspace.yaml above ${from}: cannot find the repository root`);
    folder = parent;
  }
}
