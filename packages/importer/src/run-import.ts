import { createHash } from 'node:crypto';
import type { WriteSide } from '@semaforo/commands';
import { ConcurrencyError, type EventStore } from '@semaforo/event-store';
import { appendDecided, type ImportStamp } from './append-decision.js';
import { decideImport, type DecidedEvent, type ImportDecision } from './decide-import.js';
import { evaluationEffect } from './evaluation-effect.js';
import type { ImportActor, ImportFormat, ImportOptions } from './import-options.js';
import { summarize, type ImportSummary } from './import-summary.js';
import { readImportFile } from './read-import-file.js';

export interface ImportPorts {
  readonly writeSide: WriteSide;
  readonly store: EventStore;
}

export interface ImportRequest {
  readonly bytes: Uint8Array;
  readonly format: ImportFormat;
  readonly options: ImportOptions;
  readonly actor: ImportActor;
  /** Who and when, fixed by the caller (a job keeps it, so a resumed job writes the same events). */
  readonly requestId: string;
  readonly recordedAt: string;
}

export interface ImportHooks {
  /** Rows are appended this many at a time (each chunk one multi-stream append); all at once by default. */
  readonly chunkRows?: number;
  /** Once every row is decided, before anything is appended: the summary the import will answer. */
  readonly onDecided?: (summary: ImportSummary) => Promise<void> | void;
  /** After each chunk is appended: rows done of the total. */
  readonly onProgress?: (rowsDone: number, rowsTotal: number) => Promise<void> | void;
  readonly maxExpandedBytes?: number;
}

/** Decisions taken again on fresh state when another writer moved a stream in between, at most this many times. */
const MAX_ATTEMPTS = 5;

export const fileDigest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The import, from bytes to summary: read the file, decide every row with
 * the domain's deciders, then (not a dry run; no conflict, or atomic=false)
 * append. Atomic by default: one conflict and nothing is appended. With
 * `chunkRows`, the appends go a chunk of rows at a time so progress can be
 * told; if the process dies in between, running the same import again
 * decides the applied rows as "the same value again" (nothing to append)
 * and appends the rest, with the same event ids it would have used.
 * When another writer moves a stream the file also writes, the rows are
 * decided again on what it wrote (the answer is the first decision's summary).
 */
export async function runImport(ports: ImportPorts, request: ImportRequest, hooks: ImportHooks = {}): Promise<ImportSummary> {
  const { options } = request;
  const digest = fileDigest(request.bytes);
  const stamp: ImportStamp = { actor: request.actor, fileDigest: digest, requestId: request.requestId, recordedAt: request.recordedAt };

  let summary: ImportSummary | undefined;
  for (let attempt = 1; ; attempt++) {
    const file = await readImportFile(request.bytes, request.format, {
      language: options.language,
      ...(hooks.maxExpandedBytes === undefined ? {} : { maxExpandedBytes: hooks.maxExpandedBytes }),
    });
    const decision = await decideImport(ports.writeSide, file.sheets, options, request.actor, request.recordedAt);
    // Conflicts of unreadable rows are found while rows are read: after the decision.
    const conflicts = [...file.conflicts, ...decision.conflicts];
    // A re-decision that finds conflicts (an approval committed meanwhile: PERIOD_LOCKED) answers them, not the first decision.
    if (summary === undefined || (conflicts.length > 0 && summary.conflictCount === 0)) {
      const first = summary === undefined;
      summary = summarize({
        options,
        format: request.format,
        digest,
        rows: decision.rows,
        conflicts,
        ignoredSheets: file.ignoredSheets,
        ...(options.dryRun ? { evaluationEffect: evaluationEffect(options.planId, decision.before, decision.after) } : {}),
      });
      if (first) await hooks.onDecided?.(summary);
    }
    if (options.dryRun || (options.atomic && conflicts.length > 0)) return summary;
    try {
      await appendInChunks(ports, decision, stamp, hooks);
      return summary;
    } catch (error) {
      if (error instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

async function appendInChunks(ports: ImportPorts, decision: ImportDecision, stamp: ImportStamp, hooks: ImportHooks): Promise<void> {
  const store = ports.store;
  const { rows, events } = decision;
  // Checked inside each chunk's append: an approval committing meanwhile is seen, and the rows are decided again.
  const guards = [...decision.guards].map(([streamName, version]) => ({ streamName, version }));
  const size = hooks.chunkRows ?? Math.max(rows.length, 1);
  for (let start = 0; start < rows.length; start += size) {
    const chunk: DecidedEvent[] = [];
    for (const row of rows.slice(start, start + size)) for (const position of row.events) chunk.push(events[position]!);
    await appendDecided(store, chunk, stamp, guards);
    await hooks.onProgress?.(Math.min(start + size, rows.length), rows.length);
  }
  if (rows.length === 0) await hooks.onProgress?.(0, 0);
}

/** The data rows of a file (headers not counted), to tell a job from a request before deciding anything; 0 when it cannot be read. */
export async function countImportRows(bytes: Uint8Array, format: ImportFormat): Promise<number> {
  const file = await readImportFile(bytes, format, { language: 'en' });
  let rows = 0;
  for (const sheet of file.sheets) for await (const _row of sheet.rows) rows += 1;
  return rows;
}
