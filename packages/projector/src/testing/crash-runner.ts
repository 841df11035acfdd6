/*
 * A projector process for the crash test: runs the toy projection against
 * DATABASE_URL until SIGTERM, and prints one JSON line per committed batch
 * on stdout so the test knows how far it got before it SIGKILLs it.
 */
import { formatLogPosition, openEventStore } from '@semaforo/event-store';
import type { ProjectorLogger } from '../logger.js';
import { runProjections } from '../run-projections.js';
import { toyProjection } from './toy-projection.js';

const databaseUrl = process.env['DATABASE_URL'];
if (databaseUrl === undefined || databaseUrl === '') {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(2);
}

const log =
  (level: string) =>
  (fields: Record<string, unknown>, message: string): void => {
    process.stderr.write(`${JSON.stringify({ level, message, ...fields, err: fields['err'] instanceof Error ? fields['err'].message : undefined })}\n`);
  };
const logger: ProjectorLogger = { debug: () => undefined, info: log('info'), warn: log('warn'), error: log('error') };

const { store, sql } = await openEventStore({ databaseUrl, dataDir: 'unused' });
const controller = new AbortController();
process.on('SIGTERM', () => controller.abort());

await runProjections({
  store,
  sql,
  projections: [toyProjection({ runner: `pid-${process.pid}` })],
  clock: () => new Date(),
  signal: controller.signal,
  batchSize: Number(process.env['BATCH_SIZE'] ?? '100'),
  logger,
  onProgress: (p) => process.stdout.write(`${JSON.stringify({ checkpoint: formatLogPosition(p.checkpoint), done: p.eventsDone })}\n`),
});
await store.close();
