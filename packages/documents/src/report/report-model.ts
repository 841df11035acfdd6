import type { Evaluation, IndicatorKind } from '@semaforo/domain';
import type { DocumentLanguage } from '../labels.js';
import type { NumberFormat } from './number-format.js';
import type { ReportVersion } from './report-stamp.js';

/** The three statuses of the traffic light and the two that say why there is none. */
export type ReportStatus = 'good' | 'regular' | 'critical' | 'not-reported' | 'not-due';

/**
 * A text someone wrote (a justification, a comment, a corrective action). `reserved`: marked so
 * when written (the events' mark). In the public version a reserved text is never in the model at
 * all: `text` is then the "omitted" marker and `omitted` is true, so no renderer can print it.
 */
export interface ReportText {
  readonly text: string;
  readonly reserved: boolean;
  readonly omitted?: true;
}

/** A status as printed: its word (so black-and-white copies and colour-blind readers read it) and its colour. */
export interface StatusCell {
  readonly status: ReportStatus;
  readonly word: string;
  /** `#rrggbb`. */
  readonly color: string;
}

export interface ReportTable<Row> {
  readonly header: readonly string[];
  readonly rows: readonly Row[];
}

/** One indicator's row of a unit's table; every cell already written as it is printed. */
export interface IndicatorRow {
  readonly code: string;
  readonly name: string;
  readonly periodicity: string;
  readonly target: string;
  readonly result: string;
  readonly compliance: string;
  readonly status: StatusCell;
}

export interface UnitTable extends ReportTable<IndicatorRow> {
  readonly unitCode: string;
  readonly heading: string;
}

export interface Interpretation {
  readonly code: string;
  readonly name: string;
  readonly period: string;
  readonly text: ReportText;
}

export interface PerspectiveSection {
  readonly code: string;
  readonly heading: string;
  readonly responsibleUnits: readonly string[];
  readonly sentence: string;
  readonly tables: readonly UnitTable[];
  readonly interpretations: readonly Interpretation[];
}

export interface KindSection {
  readonly kind: IndicatorKind;
  readonly heading: string;
  readonly perspectives: readonly PerspectiveSection[];
}

export interface CorrectiveActionRow {
  readonly action: ReportText;
  readonly owner: ReportText;
  readonly dueDate: string;
}

export interface CriticalEntry {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly justifications: readonly {
    readonly heading: string;
    readonly period: string;
    readonly text: ReportText;
    readonly actions: readonly CorrectiveActionRow[];
  }[];
}

/** Counts per perspective per status (bars) and the plan's share per status (one stacked bar): numbers, not pixels. */
export interface ReportCharts {
  readonly countsByPerspective: {
    readonly title: string;
    readonly categories: readonly string[];
    readonly series: readonly { readonly status: StatusCell; readonly values: readonly number[] }[];
  };
  readonly shareByStatus: {
    readonly title: string;
    readonly slices: readonly { readonly status: StatusCell; readonly count: number; readonly share: string }[];
  };
}

/**
 * The evaluation report as a document: every word resolved in its language, every number written
 * in the plan's number format, in reading order. Renderers (HTML, PDF, XLSX) only lay it out, so
 * the content of every format is the same and is decided here once.
 */
export interface ReportModel {
  readonly language: DocumentLanguage;
  readonly version: ReportVersion;
  readonly numberFormat: NumberFormat;
  readonly planId: string;
  readonly reportingPeriod: string;
  /** `<commit>:<prepare>`, the digest of the evaluation, and the instant the document is dated with. */
  readonly position: string;
  readonly digest: string;
  readonly datedAt: string;
  readonly edition: number | null;
  readonly title: string;
  readonly cover: {
    readonly title: string;
    readonly lines: readonly { readonly label: string; readonly value: string }[];
    /** "Abril – junio 2023". */
    readonly periodInWords: string;
    /** "Edición 2" or "Según lo registrado al …". */
    readonly standing: string;
    /** The public version's name and legal notice; null on the full version. */
    readonly publicVersion: { readonly title: string; readonly notice: string } | null;
  };
  readonly methodology: {
    readonly heading: string;
    readonly paragraphs: readonly string[];
    readonly scale: readonly { readonly status: StatusCell; readonly text: string }[];
  };
  readonly general: {
    readonly heading: string;
    readonly byKindHeading: string;
    readonly byKind: ReportTable<readonly string[]>;
    readonly byPerspectiveHeading: string;
    readonly byPerspective: ReportTable<readonly string[]>;
    readonly charts: ReportCharts;
  };
  readonly sections: readonly KindSection[];
  readonly critical: {
    readonly heading: string;
    readonly entries: readonly CriticalEntry[];
    readonly none: string;
    readonly actionHeader: readonly string[];
    readonly noActions: string;
  };
  readonly criticalWithout: { readonly heading: string; readonly entries: readonly { readonly code: string; readonly name: string }[]; readonly none: string };
  readonly closing: { readonly heading: string; readonly table: ReportTable<readonly string[]> };
  readonly footer: { readonly position: string; readonly digest: string; readonly verify: string };
  readonly interpretationsHeading: string;
  readonly responsibleUnitsHeading: string;
  readonly omitted: string;
  /** Printed before a reserved text in the internal version, so its reader knows the public one leaves it out. */
  readonly reservedMark: string;
  /**
   * The evaluation's figures as numbers for the renderers that keep them numbers (XLSX): rows,
   * summary and closing table, which hold no free text, so nothing reserved can travel here.
   */
  readonly figures: Pick<Evaluation, 'indicators' | 'summary' | 'closingTable'>;
}
