import type { Role } from '@semaforo/domain';
import type { NumberLocale } from '@semaforo/spreadsheets';

export const IMPORT_STRATEGIES = ['create', 'update', 'create-and-update'] as const;
export type ImportStrategy = (typeof IMPORT_STRATEGIES)[number];

export type ImportLanguage = 'es' | 'en';

export type ImportFormat = 'csv' | 'xlsx';

/** How a file is imported: what the caller asked for. */
export interface ImportOptions {
  readonly planId: string;
  /** Decide every row and answer the summary, append nothing. */
  readonly dryRun: boolean;
  /** `create`: only what does not exist yet; `update`: only what exists; both by default. */
  readonly strategy: ImportStrategy;
  /** Any conflict appends nothing (the default); `false` applies every good row. */
  readonly atomic: boolean;
  /** The reason of every revision and correction the file makes, unless a row gives its own. */
  readonly reason?: string;
  /** How typed numbers are written in the file's text cells. */
  readonly locale: NumberLocale;
  /** The language of the summary's messages. */
  readonly language: ImportLanguage;
  /**
   * A roll-over: the file's periods are of another year (an export of last year's plan) and are read
   * as the same periods of this plan's year (`2021-Q3` → `2022-Q3`). Off by default: a period outside
   * the plan's year is then a conflict.
   */
  readonly rollOver?: boolean;
}

/** Who imports: a reporter writes results of its units only, a planner or admin everything. */
export interface ImportActor {
  readonly id: string;
  readonly role: Role;
  /** A reporter's units (and, by the plan's hierarchy, the units below them). */
  readonly units: readonly string[];
}

export const DEFAULT_IMPORT_OPTIONS = { dryRun: false, strategy: 'create-and-update', atomic: true, locale: 'es', language: 'es' } as const;
