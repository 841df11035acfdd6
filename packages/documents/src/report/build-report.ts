import {
  DEFAULT_DISPLAY_DECIMALS,
  INDICATOR_KINDS,
  formatPercent,
  parsePeriod,
  periodEndMonth,
  periodStartMonth,
  planNumberFormat,
  rational,
  wordOf,
  type Evaluation,
  type IndicatorEvaluation,
  type IndicatorFacts,
  type PlanFacts,
} from '@semaforo/domain';
import { LABELS, type DocumentLanguage } from '../labels.js';
import { formatCurrencyText, formatNumber, formatPercentText, type NumberFormat } from './number-format.js';
import type { SentencePart } from './report-labels.js';
import type {
  CriticalEntry,
  IndicatorRow,
  Interpretation,
  KindSection,
  PerspectiveSection,
  ReportModel,
  ReportStatus,
  ReportText,
  StatusCell,
  UnitTable,
} from './report-model.js';
import type { ReportVersion } from './report-stamp.js';
import { STATUS_COLORS } from './status-colors.js';

/** What an as-of evaluation knows, and where it stands in the log. */
export interface ReportInput {
  readonly evaluation: Evaluation;
  /** The facts it was computed from: the plan's units and perspectives, every justification. */
  readonly facts: PlanFacts;
  /** `<commit>:<prepare>`. */
  readonly position: string;
  readonly digest: string;
  /** The position's own time (ISO 8601): the document's date, never the clock's. */
  readonly datedAt: string;
  /** The edition published at this position, when the document is one (branch `signoff-editions`). */
  readonly edition?: number | null;
  readonly language: DocumentLanguage;
  /** `public`: every reserved text omitted (the marker in its place) and the legal notice; `internal` by default. */
  readonly version?: ReportVersion;
  /** Overrides the plan's own (`planNumberFormat(facts.plan)`, its format as of the position). */
  readonly numberFormat?: NumberFormat;
}

const TRAFFIC_LIGHT = ['good', 'regular', 'critical'] as const;

/**
 * The report model: a pure function of the evaluation, its facts and its position, so the same
 * inputs always give the same document. A change of what it says is a new layout version of every
 * renderer (see `report-layouts.ts`), never an edit of what v1 prints.
 */
export function buildReport(input: ReportInput): ReportModel {
  const { evaluation, facts, language } = input;
  const numberFormat = input.numberFormat ?? planNumberFormat(facts.plan);
  const labels = LABELS[language];
  const report = labels.report;
  const plan = facts.plan;
  const status = (value: ReportStatus): StatusCell => ({ status: value, word: labels.status[value], color: STATUS_COLORS[value] });
  const percent = (display: string | undefined) => (display === undefined ? report.none : formatPercentText(display, numberFormat));
  const count = (n: number) => formatNumber(String(n), numberFormat);
  const monthName = (fiscalMonth: number) => labels.months[(plan.fiscalYearStartMonth - 1 + fiscalMonth - 1) % 12]!;
  const unitName = (code: string) => plan.units[code]?.name ?? code;
  const version = input.version ?? 'internal';
  // The one place a reserved text can leave the model: the public version replaces it here, so no renderer ever has it.
  const written = (text: string, reserved: boolean | undefined): ReportText =>
    reserved !== true ? { text, reserved: false } : version === 'public' ? { text: report.omitted, reserved: true, omitted: true } : { text, reserved: true };

  const period = parsePeriod(evaluation.reportingPeriod);
  const periodInWords = `${capitalize(monthName(periodStartMonth(period)))}${
    periodStartMonth(period) === periodEndMonth(period) ? '' : ` – ${monthName(periodEndMonth(period))}`
  } ${evaluation.fiscalYear}`;
  const window = report.window(monthName(evaluation.window.fromMonth), monthName(evaluation.window.toMonth));
  const edition = input.edition ?? null;

  const factsByCode = new Map<string, IndicatorFacts>(facts.indicators.map((indicator) => [indicator.code, indicator]));
  const nameOf = new Map(evaluation.indicators.map((row) => [row.code, row.name]));

  const rowOf = (row: IndicatorEvaluation): IndicatorRow => ({
    code: row.code,
    name: row.name,
    periodicity: wordOf('periodicity', row.periodicity, language),
    target: valueText(row.target, row, numberFormat, report.none),
    result: valueText(row.result, row, numberFormat, report.none),
    compliance: percent(row.compliance?.display),
    status: status(row.status),
  });

  const interpretationsOf = (rows: readonly IndicatorEvaluation[]): Interpretation[] =>
    rows.flatMap((row) => {
      // The v1 evaluation's rule for what speaks to a window: the reporting period, or one of the indicator's own periods in it.
      const periods = new Set([evaluation.reportingPeriod, ...row.periods.map((p) => p.period)]);
      return (factsByCode.get(row.code)?.justifications ?? [])
        .filter((justification) => periods.has(justification.period))
        .map((justification) => ({ code: row.code, name: row.name, period: justification.period, text: written(justification.text, justification.reserved) }));
    });

  const sections: KindSection[] = INDICATOR_KINDS.flatMap((kind) => {
    const perspectives: PerspectiveSection[] = plan.perspectives.flatMap(({ code, name }) => {
      const rows = evaluation.indicators.filter((row) => row.kind === kind && row.perspective === code);
      if (rows.length === 0) return [];
      const units = [...new Set(rows.map((row) => row.unit))].sort(compareText);
      const tables: UnitTable[] = units.map((unit) => ({
        unitCode: unit,
        heading: report.unitTable(unitName(unit)),
        header: [
          report.tableHeader.code,
          report.tableHeader.indicator,
          report.tableHeader.periodicity,
          report.tableHeader.target(window),
          report.tableHeader.result(window),
          report.tableHeader.compliance,
          report.tableHeader.status,
        ],
        rows: rows.filter((row) => row.unit === unit).map(rowOf),
      }));
      return [
        {
          code,
          heading: report.perspective(name),
          responsibleUnits: units.map(unitName),
          sentence: report.countsSentence(sentenceInput(name, rows, numberFormat)),
          tables,
          interpretations: interpretationsOf(rows),
        },
      ];
    });
    return perspectives.length === 0 ? [] : [{ kind, heading: report.kindSection[kind], perspectives }];
  });

  const critical: CriticalEntry[] = evaluation.critical
    .filter((entry) => entry.hasJustification)
    .map((entry) => ({
      code: entry.code,
      name: entry.name,
      unit: unitName(evaluation.indicators.find((row) => row.code === entry.code)?.unit ?? ''),
      justifications: entry.justifications.map((justification) => ({
        heading: report.critical.justification(justification.period),
        period: justification.period,
        text: written(justification.text, justification.reserved),
        // A reserved action is reserved whole: who is to act says as much as what.
        actions: justification.correctiveActions.map((action) => ({
          action: written(action.action, action.reserved),
          owner: written(action.owner, action.reserved),
          dueDate: action.dueDate,
        })),
      })),
    }));

  const { summary } = evaluation;
  const kindRow = (label: string, c: { planned: number; due: number; evaluated: number; notReported: number }) => [
    label,
    count(c.planned),
    count(c.due),
    count(c.evaluated),
    count(c.notReported),
  ];
  const scale = evaluation.evaluationScale;
  const bound = (value: string) => formatPercentText(value, numberFormat);

  return {
    language,
    version,
    numberFormat,
    planId: evaluation.planId,
    reportingPeriod: evaluation.reportingPeriod,
    position: input.position,
    digest: input.digest,
    datedAt: input.datedAt,
    edition,
    title: `${report.title}${version === 'public' ? ` · ${report.publicVersion}` : ''} · ${evaluation.planName} · ${periodInWords}`,
    cover: {
      title: report.title,
      lines: [
        { label: report.institution, value: evaluation.institutionId },
        { label: report.plan, value: evaluation.planName },
        { label: report.fiscalYear, value: String(evaluation.fiscalYear) },
        { label: report.period, value: periodInWords },
      ],
      periodInWords,
      standing: edition === null ? report.asOf(instantText(input.datedAt)) : report.edition(edition),
      publicVersion: version === 'public' ? { title: report.publicVersion, notice: report.publicNotice } : null,
    },
    methodology: {
      heading: report.methodology.heading,
      paragraphs: [report.methodology.intro, report.methodology.compliance],
      scale: [
        { status: status('critical'), text: report.methodology.critical(bound(scale.criticalBelow)) },
        { status: status('regular'), text: report.methodology.regular(bound(scale.criticalBelow), bound(scale.goodAbove)) },
        { status: status('good'), text: report.methodology.good(bound(scale.goodAbove)) },
      ],
    },
    general: {
      heading: report.general.heading,
      byKindHeading: report.general.byKind,
      byKind: {
        header: report.general.kindHeader,
        rows: [...summary.byKind.map((k) => kindRow(labels.kind[k.kind], k)), kindRow(labels.kind.total, summary.plan)],
      },
      byPerspectiveHeading: report.general.byPerspective,
      byPerspective: {
        header: report.general.perspectiveHeader,
        rows: summary.byPerspective.map((p) => [
          p.name,
          count(p.evaluated),
          count(p.good),
          percent(p.goodShare?.display),
          count(p.regular),
          percent(p.regularShare?.display),
          count(p.critical),
          percent(p.criticalShare?.display),
        ]),
      },
      charts: {
        countsByPerspective: {
          title: report.general.countsChart,
          categories: summary.byPerspective.map((p) => p.name),
          series: TRAFFIC_LIGHT.map((s) => ({ status: status(s), values: summary.byPerspective.map((p) => p[s]) })),
        },
        shareByStatus: {
          title: report.general.sharesChart,
          slices: TRAFFIC_LIGHT.map((s) => ({
            status: status(s),
            count: summary.plan[s],
            share: percent(summary.plan[`${s}Share`]?.display),
          })),
        },
      },
    },
    sections,
    critical: {
      heading: report.critical.heading,
      entries: critical,
      none: report.critical.none,
      actionHeader: report.critical.actionHeader,
      noActions: report.critical.noActions,
    },
    criticalWithout: {
      heading: report.criticalWithout.heading,
      entries: evaluation.criticalWithoutJustification.map((code) => ({ code, name: nameOf.get(code) ?? code })),
      none: report.criticalWithout.none,
    },
    closing: {
      heading: report.closing,
      table: {
        header: labels.closingHeader,
        rows: evaluation.closingTable.map((row) => [labels.kind[row.kind], count(row.measured), count(row.reachedTarget), percent(row.goodShare?.display)]),
      },
    },
    footer: { position: report.footer.position(input.position), digest: report.footer.digest(input.digest), verify: report.footer.verify },
    interpretationsHeading: report.interpretations,
    responsibleUnitsHeading: report.responsibleUnits,
    omitted: report.omitted,
    reservedMark: report.reservedMark,
    figures: { indicators: evaluation.indicators, summary: evaluation.summary, closingTable: evaluation.closingTable },
  };
}

/** The numbers of one kind × perspective sentence, shares of the evaluated ones from exact counts, rounded half-up as the evaluation rounds. */
export function sentenceInput(perspective: string, rows: readonly IndicatorEvaluation[], numberFormat: NumberFormat) {
  const counts = { good: 0, regular: 0, critical: 0 };
  let due = 0;
  for (const row of rows) {
    if (row.due) due += 1;
    if (row.status === 'good' || row.status === 'regular' || row.status === 'critical') counts[row.status] += 1;
  }
  const evaluated = counts.good + counts.regular + counts.critical;
  const parts: SentencePart[] = TRAFFIC_LIGHT.filter((s) => counts[s] > 0).map((s) => ({
    status: s,
    count: counts[s],
    share: formatPercentText(formatPercent(rational(BigInt(counts[s]) * 100n, BigInt(evaluated)), DEFAULT_DISPLAY_DECIMALS), numberFormat),
  }));
  return { perspective, planned: rows.length, evaluated, notReported: due - evaluated, parts };
}

function valueText(value: string | null, row: IndicatorEvaluation, numberFormat: NumberFormat, none: string): string {
  if (value === null) return none;
  if (row.measure === 'percent') return formatPercentText(value, numberFormat, row.decimals);
  if (row.measure === 'currency') return formatCurrencyText(value, numberFormat, row.decimals);
  return formatNumber(value, numberFormat, row.decimals);
}

/** `2023-07-01T00:00:00.000Z` → `2023-07-01 00:00:00 UTC`: the stored instant, only spelled for a reader. */
function instantText(instant: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(instant);
  return match === null ? instant : `${match[1]!} ${match[2]!} UTC`;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
