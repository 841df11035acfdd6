import { availableParallelism } from 'node:os';
import { createSqlEventStore } from '@semaforo/event-store';
import { rebuildProjection, rebuildProjections } from '@semaforo/projector';
import { allProjections } from '@semaforo/runtime';
import { loadCatalog } from '../dataset/catalog.js';
import { decideDataset } from '../dataset/decide-dataset.js';
import { generateDataset } from '../dataset/generate-dataset.js';
import { importEvents } from '../dataset/import-events.js';
import { openBenchDatabase } from '../harness/bench-database.js';
import { CpuTotal, sampleCpu } from '../harness/cpu-meter.js';
import { figure, type Report } from '../harness/report.js';

export interface RebuildOptions {
  readonly seed: number;
  readonly events: number;
}

/**
 * `rebuild`: every projection the product runs (`allProjections`, the same
 * list as the projector service and the API) rebuilt from zero over an
 * imported log of national-institute-sized plans. `rebuild.postgres` is all
 * of them together, as `rebuildProjections` does it (one read of the log,
 * each page applied to every projection at once): events/s of the log.
 * Then each alone (`rebuild.postgres.<name>`), to tell which one costs what.
 * No ceiling: the goal is an absolute 50,000 events/s.
 */
export async function rebuildFigures(report: Report, options: RebuildOptions): Promise<void> {
  const db = await openBenchDatabase('postgres', { poolSize: 4 });
  try {
    const store = createSqlEventStore(db.sql);
    const catalog = loadCatalog();
    const dataset = decideDataset(
      generateDataset({ seed: options.seed, institutions: 8, years: 79, indicatorsPerInstitution: catalog.entries.length, catalog }),
    );
    const imported = await importEvents(store, dataset, { batchSize: 2_000, limit: options.events });
    report.log(`rebuild: ${imported.events} events imported`);
    const signal = new AbortController().signal;
    const clock = (): Date => new Date();

    const before = await sampleCpu(db.sql);
    const together = await rebuildProjections({ store, sql: db.sql, projections: allProjections, clock, signal });
    const cpu = new CpuTotal();
    cpu.add(before, await sampleCpu(db.sql));
    for (const [i, result] of together.entries()) {
      if (!result.completed || result.eventsRead < imported.events)
        report.note(`rebuild ${allProjections[i]!.name}: read ${result.eventsRead} of ${imported.events} events`);
    }
    const seconds = together[0]?.seconds ?? 0;
    report.emit(figure('rebuild.postgres', imported.events / seconds, 'events/s'));
    report.log(`rebuild: ${allProjections.length} projections (${allProjections.map((p) => p.name).join(', ')}) together in ${seconds.toFixed(1)} s`);
    // Where the goal stands against the machine: with node and PostgreSQL sharing its cores, CPU per event bounds the rate.
    const perEvent = cpu.perOperation(imported.events);
    report.emit(figure('rebuild.postgres.cpu', perEvent.total, 'µs CPU/event'));
    report.log(
      `rebuild: ${perEvent.describe} of CPU per event together; at that cost ${availableParallelism()} cores allow at most ${Math.round((availableParallelism() * 1e6) / perEvent.total)} events/s`,
    );

    for (const projection of allProjections) {
      const result = await rebuildProjection({ store, sql: db.sql, projection, clock, signal });
      if (!result.completed || result.eventsRead < imported.events)
        report.note(`rebuild ${projection.name}: read ${result.eventsRead} of ${imported.events} events`);
      report.emit(figure(`rebuild.postgres.${projection.name}`, result.eventsRead / result.seconds, 'events/s'));
    }
  } finally {
    await db.close();
  }
}
