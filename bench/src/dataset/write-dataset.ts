import type { WriteResult, WriteSide } from '@semaforo/commands';
import { indicatorStream, planStream } from '@semaforo/domain';
import { commandMetadata, type DatasetCommand } from './dataset-command.js';

/** One command through the public write path: the same call the API makes. */
export function executeDatasetCommand(writeSide: WriteSide, line: DatasetCommand): Promise<WriteResult> {
  const metadata = commandMetadata(line.metadata);
  return line.target === 'plan'
    ? writeSide.execute(planStream(line.planId), line.command, metadata)
    : writeSide.execute(indicatorStream(line.planId, line.command.data.code), line.command, metadata);
}

export interface WriteStats {
  readonly commands: number;
  readonly events: number;
  /** Commands the deciders found nothing to change in. */
  readonly unchanged: number;
}

/**
 * Writes the commands in order, one at a time (a plan's structure must be
 * there before its indicators, a result before its correction). Any domain
 * error stops the run: the generator only writes what the rules accept.
 */
export async function writeDataset(writeSide: WriteSide, commands: Iterable<DatasetCommand>, onProgress?: (stats: WriteStats) => void): Promise<WriteStats> {
  let count = 0;
  let events = 0;
  let unchanged = 0;
  for (const line of commands) {
    const result = await executeDatasetCommand(writeSide, line);
    count += 1;
    events += result.appended;
    if (result.appended === 0) unchanged += 1;
    if (onProgress !== undefined && count % 10_000 === 0) onProgress({ commands: count, events, unchanged });
  }
  return { commands: count, events, unchanged };
}
