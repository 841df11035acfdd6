import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { WriteSide } from '@semaforo/commands';
import { openEventStore } from '@semaforo/event-store';
import { catalogMix, describeMix, loadCatalog } from './dataset/catalog.js';
import { datasetLine, type DatasetCommand } from './dataset/dataset-command.js';
import { decideDataset } from './dataset/decide-dataset.js';
import { generateDataset, type DatasetOptions } from './dataset/generate-dataset.js';
import { importEvents } from './dataset/import-events.js';
import { writeDataset } from './dataset/write-dataset.js';

const USAGE = `usage: pnpm bench:data -- --seed N [--institutions N] [--years N] [--first-year YYYY] [--indicators N]
                       [--out commands.ndjson] [--database-url URL | --data-dir DIR | --no-write] [--import]

Generates institutions shaped like the seed catalog and writes their commands
through the public write path (WriteSide over the event store), one by one, so
that every rule of the domain is checked. --import takes the fast path instead:
decide with the pure deciders, then bulk-append through the event store.
Without --database-url or --data-dir the commands go to a throw-away in-memory
PGlite (a check that the whole dataset obeys the rules). --out writes the
command list, one JSON line per command: the same seed gives the same bytes.`;

const integer = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, not ${value}`);
  return n;
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      seed: { type: 'string' },
      institutions: { type: 'string' },
      years: { type: 'string' },
      'first-year': { type: 'string' },
      indicators: { type: 'string' },
      out: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      import: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || values.seed === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const catalog = loadCatalog();
  process.stderr.write(`${describeMix(catalogMix(catalog))}\n`);

  const institutions = integer(values.institutions, 'institutions');
  const years = integer(values.years, 'years');
  const firstYear = integer(values['first-year'], 'first-year');
  const indicators = integer(values.indicators, 'indicators');
  const options: DatasetOptions = {
    seed: integer(values.seed, 'seed')!,
    catalog,
    ...(institutions === undefined ? {} : { institutions }),
    ...(years === undefined ? {} : { years }),
    ...(firstYear === undefined ? {} : { firstYear }),
    ...(indicators === undefined ? {} : { indicatorsPerInstitution: indicators }),
  };

  const started = performance.now();
  if (values.out !== undefined) {
    const out = createWriteStream(values.out);
    let lines = 0;
    for (const command of generateDataset(options)) {
      if (!out.write(`${datasetLine(command)}\n`)) await once(out, 'drain');
      lines += 1;
    }
    out.end();
    await once(out, 'finish');
    process.stderr.write(`${lines} commands written to ${values.out}\n`);
  }
  if (values['no-write']) return 0;

  const target = values['database-url'] ?? '';
  const dataDir = values['data-dir'] ?? 'memory://';
  const { store } = await openEventStore({ databaseUrl: target, dataDir });
  try {
    const where = target !== '' ? 'PostgreSQL' : dataDir === 'memory://' ? 'an in-memory PGlite (thrown away)' : `PGlite in ${dataDir}`;
    if (values.import) {
      const stats = await importEvents(store, decideDataset(generateDataset(options)), { batchSize: 2_000 });
      process.stderr.write(`imported ${stats.events} events in ${stats.appends} appends into ${where}`);
    } else {
      const commands: Iterable<DatasetCommand> = generateDataset(options);
      const stats = await writeDataset(new WriteSide(store), commands, (s) => process.stderr.write(`  ${s.commands} commands, ${s.events} events\n`));
      process.stderr.write(`wrote ${stats.commands} commands (${stats.events} events, ${stats.unchanged} unchanged) through the write side into ${where}`);
    }
    process.stderr.write(` in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await store.close();
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
