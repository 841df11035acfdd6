import { createSqlEventStore } from '@semaforo/event-store';
import { rebuildProjection } from '@semaforo/projector';
import { allProjections } from '@semaforo/projector-service';
import { loadCatalog } from '../dataset/catalog.js';
import { decideDataset } from '../dataset/decide-dataset.js';
import { generateDataset } from '../dataset/generate-dataset.js';
import { importEvents } from '../dataset/import-events.js';
import { openBenchDatabase } from '../harness/bench-database.js';
import { figure, type Report } from '../harness/report.js';

export interface RebuildOptions {
  readonly seed: number;
  readonly events: number;
}

/**
 * `rebuild`: every projection the product runs (`allProjections`, the same
 * list as the projector service and the API) rebuilt from zero, one after
 * the other, over an imported log of national-institute-sized plans:
 * events/s for each and for all of them together. No ceiling: the goal is
 * an absolute 50,000 events/s.
 */
export async function rebuildFigures(report: Report, options: RebuildOptions): Promise<void> {
  const db = await openBenchDatabase('postgres', { poolSize: 4 });
  try {
    const store = createSqlEventStore(db.sql);
    const catalog = loadCatalog();
    const dataset = decideDataset(generateDataset({ seed: options.seed, institutions: 8, years: 79, indicatorsPerInstitution: catalog.entries.length, catalog }));
    const imported = await importEvents(store, dataset, { batchSize: 2_000, limit: options.events });
    report.log(`rebuild: ${imported.events} events imported`);
    let totalSeconds = 0;
    for (const projection of allProjections) {
      const result = await rebuildProjection({ store, sql: db.sql, projection, clock: () => new Date(), signal: new AbortController().signal });
      if (!result.completed || result.eventsRead < imported.events) report.note(`rebuild ${projection.name}: read ${result.eventsRead} of ${imported.events} events`);
      totalSeconds += result.seconds;
      report.emit(figure(`rebuild.postgres.${projection.name}`, result.eventsRead / result.seconds, 'events/s'));
    }
    report.emit(figure('rebuild.postgres', imported.events / totalSeconds, 'events/s'));
    report.log(`rebuild: ${allProjections.length} projections (${allProjections.map((p) => p.name).join(', ')}) in ${totalSeconds.toFixed(1)} s`);
  } finally {
    await db.close();
  }
}
