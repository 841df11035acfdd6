import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

// The repository root: five levels up from packages/event-store/src/adapters/kurrentdb.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..');
const VENDOR = /from\s+['"](@kurrent\/kurrentdb-client|@eventstore\/db-client)['"]|import\(\s*['"](@kurrent\/kurrentdb-client|@eventstore\/db-client)['"]/;
const SKIPPED = new Set(['node_modules', 'dist', '.git', '.data']);

async function* sources(folder: string): AsyncGenerator<string> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name)) yield path;
  }
}

t.test('only kurrentdb-client.ts imports the vendor client, so no client type escapes the adapter', async (t) => {
  const importers: string[] = [];
  for (const folder of ['packages', 'services', 'projections', 'tests', 'bench']) {
    try {
      for await (const path of sources(join(root, folder))) {
        if (VENDOR.test(await readFile(path, 'utf8'))) importers.push(relative(root, path));
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  t.same(importers, ['packages/event-store/src/adapters/kurrentdb/kurrentdb-client.ts']);
});
