import { createHash } from 'node:crypto';
import type { CommandMetadata } from '@semaforo/commands';
import type { IndicatorCommand, PlanCommand } from '@semaforo/domain';
import type { EventSource } from '@semaforo/event-store';

/** Who, when and from where, as the generator decided it: no clock, no random ids. */
export interface DatasetMetadata {
  readonly actor: { readonly id: string; readonly role: string };
  readonly source: EventSource;
  readonly requestId: string;
  readonly correlationId: string;
  readonly recordedAt: string;
}

/** One line of the dataset: a command of the public write path and its metadata. */
export type DatasetCommand =
  | { readonly target: 'plan'; readonly planId: string; readonly command: PlanCommand; readonly metadata: DatasetMetadata }
  | { readonly target: 'indicator'; readonly planId: string; readonly command: IndicatorCommand; readonly metadata: DatasetMetadata };

/**
 * The n-th event id of a request, derived from the request id, so that the
 * events written from a dataset are as reproducible as its commands (a
 * command retried after a conflict draws the next one).
 */
export function eventIdFor(requestId: string, n: number): string {
  const hex = createHash('sha256').update(`${requestId}#${n}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What the write side needs besides the command. */
export function commandMetadata(metadata: DatasetMetadata): CommandMetadata {
  let n = 0;
  return {
    actor: metadata.actor,
    source: metadata.source,
    requestId: metadata.requestId,
    correlationId: metadata.correlationId,
    recordedAt: metadata.recordedAt,
    newEventId: () => eventIdFor(metadata.requestId, n++),
  };
}

/** One JSON line; the key order is the literal order above, so the same command always prints the same bytes. */
export const datasetLine = (command: DatasetCommand): string => JSON.stringify(command);
