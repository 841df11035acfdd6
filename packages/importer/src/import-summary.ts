import type { DecidedRow } from './decide-import.js';
import type { EvaluationEffect } from './evaluation-effect.js';
import type { ImportConflict } from './import-conflict.js';
import type { ImportFormat, ImportOptions, ImportStrategy } from './import-options.js';

export type ImportStatus = 'dry-run' | 'applied' | 'partial' | 'refused';

export interface ConflictGroup {
  readonly code: string;
  readonly message: string;
  readonly sheet: string;
  readonly rows: readonly number[];
}

/** DHIS2's import summary, and a little more: what every row did, what could not be done and where, and (dry run) what it changes. */
export interface ImportSummary {
  readonly planId: string;
  /** `dry-run`: nothing appended; `applied`: every row; `partial` (atomic=false): the rows without conflicts; `refused`: nothing, for the conflicts. */
  readonly status: ImportStatus;
  readonly dryRun: boolean;
  readonly strategy: ImportStrategy;
  readonly atomic: boolean;
  readonly locale: string;
  readonly file: { readonly format: ImportFormat; readonly digest: string; readonly rows: number };
  readonly counts: { readonly created: number; readonly updated: number; readonly ignored: number; readonly refused: number };
  /** Sheets of the workbook that are not of the layout (instructions, notes): not read. */
  readonly ignoredSheets: readonly string[];
  /** The first `MAX_LISTED_CONFLICTS`, in file order; every one is in a group. */
  readonly conflicts: readonly ImportConflict[];
  readonly conflictCount: number;
  /** Conflicts of the same sheet, code and message, with their rows. */
  readonly conflictGroups: readonly ConflictGroup[];
  /** Dry run only: the indicators whose status the file changes (null when there is nothing to evaluate). */
  readonly evaluationEffect?: EvaluationEffect | null;
}

export const MAX_LISTED_CONFLICTS = 1000;

export function summarize(input: {
  readonly options: ImportOptions;
  readonly format: ImportFormat;
  readonly digest: string;
  readonly rows: readonly DecidedRow[];
  readonly conflicts: readonly ImportConflict[];
  readonly ignoredSheets: readonly string[];
  readonly evaluationEffect?: EvaluationEffect | null;
}): ImportSummary {
  const { options, rows, conflicts } = input;
  const counts = { created: 0, updated: 0, ignored: 0, refused: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  const groups = new Map<string, { code: string; message: string; sheet: string; rows: number[] }>();
  for (const conflict of conflicts) {
    const key = `${conflict.sheet}\n${conflict.code}\n${conflict.message}`;
    const group = groups.get(key) ?? { code: conflict.code, message: conflict.message, sheet: conflict.sheet, rows: [] };
    if (group.rows[group.rows.length - 1] !== conflict.row) group.rows.push(conflict.row);
    groups.set(key, group);
  }
  const status: ImportStatus = options.dryRun ? 'dry-run' : conflicts.length === 0 ? 'applied' : options.atomic ? 'refused' : 'partial';
  return {
    planId: options.planId,
    status,
    dryRun: options.dryRun,
    strategy: options.strategy,
    atomic: options.atomic,
    locale: options.locale,
    file: { format: input.format, digest: input.digest, rows: rows.length },
    counts,
    ignoredSheets: input.ignoredSheets,
    conflicts: conflicts.slice(0, MAX_LISTED_CONFLICTS),
    conflictCount: conflicts.length,
    conflictGroups: [...groups.values()],
    ...(input.evaluationEffect === undefined ? {} : { evaluationEffect: input.evaluationEffect }),
  };
}
