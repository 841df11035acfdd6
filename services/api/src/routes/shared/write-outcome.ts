import type { WriteResult } from '@semaforo/commands';
import { z } from 'zod';

/**
 * What one write did, in every write answer under the member `write`, next
 * to the resource's state after it. `appended: 0` is how a client tells a
 * retry (or the same value sent again) from a change.
 */
export const writeOutcomeSchema = z
  .object({
    version: z.number().int().min(0).describe('The version of the stream written to, right after this command.'),
    appended: z.number().int().min(0).describe('Events this request appended; 0 when the command changed nothing (the same value again, a retried request).'),
    position: z.string().nullable().describe('Position of the last appended event in the whole log, `"<commit>:<prepare>"`; null when nothing was appended.'),
  })
  .meta({ id: 'WriteOutcome', description: 'What the write did. The resource in the same answer is its state right after it.' });

export type WriteOutcome = z.output<typeof writeOutcomeSchema>;

export const toWriteOutcome = ({ version, appended, position }: WriteResult): WriteOutcome => ({ version, appended, position });
