import { NO_DATA, type ChangeProvenance } from '@semaforo/projection-audit-trail';
import type { DocumentLabels } from './labels.js';

/** The cells every history and audit row ends with: who, when, from where, which request. */
export const who = (e: ChangeProvenance): (string | null)[] => [e.actor.id, e.actor.role, e.recordedAt, e.source, e.requestId, e.correlationId];

export const eventLabel = (labels: DocumentLabels, type: string): string => labels.events[type] ?? type;

/** A before / after value as a reader reads it: "no data" in the document's language. */
export const value = (labels: DocumentLabels, text: string | null): string | null => (text === NO_DATA ? labels.noData : text);
