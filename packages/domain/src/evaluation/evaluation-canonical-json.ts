import type { CorrectiveAction } from '../indicator/indicator-events.js';
import type { PlausibilityWarning } from '../plausibility/plausibility-warning.js';
import type {
  ByStatus,
  ClosingRow,
  Counts,
  CriticalIndicator,
  Evaluation,
  IndicatorEvaluation,
  JustificationEntry,
  KindSummary,
  Percentage,
  PerspectiveSummary,
  PeriodFigures,
  Summary,
  UnitSummary,
} from './evaluation.js';

/*
 * `canonicalJson(evaluation)`, byte for byte, for an evaluation as
 * `evaluatePlan` builds it. The generic writer sorts every object's keys and
 * tracks paths and ancestors, which for a plan of a thousand indicators
 * (tens of thousands of small objects, a megabyte of text) cost more than
 * evaluating it; here each type's keys are sorted once, when this module
 * loads. The field tables are checked by the compiler against the types (a
 * key missing or extra does not compile), and the golden and property tests
 * hold the output equal to `canonicalJson`'s.
 */

/** Where the text goes: a hash (the digest never needs the whole megabyte at once) or a string. */
interface Sink {
  write(text: string): void;
}

type Write<T> = (value: T, sink: Sink) => void;
type Fields<T> = { readonly [K in keyof T]-?: Write<Exclude<T[K], undefined>> };

const string: Write<string> = (value, sink) => sink.write(JSON.stringify(value));
const number: Write<number> = (value, sink) => {
  // As canonicalJson: NaN and Infinity are not JSON, and would be silently written as null.
  if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a finite number`);
  sink.write(JSON.stringify(value));
};
const boolean: Write<boolean> = (value, sink) => sink.write(value ? 'true' : 'false');

function nullable<T>(write: Write<T>): Write<T | null> {
  return (value, sink) => (value === null ? sink.write('null') : write(value, sink));
}

function list<T>(write: Write<T>): Write<readonly T[]> {
  return (items, sink) => {
    sink.write('[');
    for (let i = 0; i < items.length; i += 1) {
      if (i > 0) sink.write(',');
      write(items[i] as T, sink);
    }
    sink.write(']');
  };
}

function record<T extends object>(fields: Fields<T>): Write<T> {
  // Sorted as canonicalJson sorts (`Array.prototype.sort`: by UTF-16 code units); absent (undefined) members are left out.
  const members = Object.keys(fields)
    .sort()
    .map((key) => ({
      key,
      first: `{${JSON.stringify(key)}:`,
      next: `,${JSON.stringify(key)}:`,
      write: (fields as Record<string, Write<unknown>>)[key]!,
    }));
  return (value, sink) => {
    const object = value as Record<string, unknown>;
    let empty = true;
    for (const { key, first, next, write } of members) {
      const member = object[key];
      if (member === undefined) continue;
      sink.write(empty ? first : next);
      empty = false;
      write(member, sink);
    }
    sink.write(empty ? '{}' : '}');
  };
}

const percentage = nullable(record<Percentage>({ exact: string, display: string }));

const counts: Fields<Counts> = {
  planned: number,
  due: number,
  evaluated: number,
  good: number,
  regular: number,
  critical: number,
  notReported: number,
  goodShare: percentage,
  regularShare: percentage,
  criticalShare: percentage,
};

const plausibilityWarning = record<PlausibilityWarning>({ rule: string, level: string, bound: string, expected: string, scale: string });

// `warnings` is written only when present: a period whose result broke no rule keeps the bytes it always had.
const periodFigures = record<PeriodFigures>({
  period: string,
  target: nullable(string),
  result: nullable(string),
  noData: boolean,
  counted: boolean,
  warnings: list(plausibilityWarning),
});

const indicatorEvaluation = record<IndicatorEvaluation>({
  code: string,
  name: string,
  kind: string,
  perspective: string,
  unit: string,
  measure: string,
  polarity: string,
  accumulation: string,
  periodicity: string,
  decimals: number,
  due: boolean,
  status: string,
  target: nullable(string),
  result: nullable(string),
  compliance: percentage,
  reasonNotEvaluated: string,
  periods: list(periodFigures),
});

// `reserved` is written only when present (true): an evaluation without reserved texts keeps the bytes it always had.
const justificationEntry = record<JustificationEntry>({
  period: string,
  justificationNumber: number,
  text: string,
  reserved: boolean,
  correctiveActions: list(record<CorrectiveAction>({ action: string, owner: string, dueDate: string, reserved: boolean })),
  recordedAt: string,
  actorId: string,
});

const criticalIndicator = record<CriticalIndicator>({
  code: string,
  name: string,
  justifications: list(justificationEntry),
  hasJustification: boolean,
});

const codes = list(string);

const summary = record<Summary>({
  plan: record<Counts>(counts),
  byPerspective: list(record<PerspectiveSummary>({ code: string, name: string, ...counts })),
  byUnit: list(record<UnitSummary>({ code: string, name: string, parentCode: nullable(string), ...counts })),
  byKind: list(record<KindSummary>({ kind: string, ...counts })),
});

const evaluation = record<Evaluation>({
  planId: string,
  planName: string,
  institutionId: string,
  fiscalYear: number,
  reportingPeriod: string,
  window: record({ fromMonth: number, toMonth: number }),
  evaluationMethod: string,
  evaluationScale: record({ criticalBelow: string, goodAbove: string }),
  indicators: list(indicatorEvaluation),
  byStatus: record<ByStatus>({ good: codes, regular: codes, critical: codes, notReported: codes, notDue: codes }),
  critical: list(criticalIndicator),
  criticalWithoutJustification: codes,
  summary,
  closingTable: list(record<ClosingRow>({ kind: string, measured: number, reachedTarget: number, goodShare: percentage })),
});

/** The canonical JSON of an evaluation `evaluatePlan` returned: equal to `canonicalJson(evaluation)`, faster. */
export function evaluationCanonicalJson(value: Evaluation): string {
  const parts: string[] = [];
  evaluation(value, { write: (text) => parts.push(text) });
  return parts.join('');
}

/**
 * Writes the canonical JSON of an evaluation to `update` in pieces of some
 * kilobytes: hashing them as they come keeps the garbage of one big string
 * (thousands of concatenations, then flattened) out of the digest's cost.
 */
export function writeEvaluationCanonicalJson(value: Evaluation, update: (chunk: string) => void): void {
  let pending = '';
  evaluation(value, {
    write(text) {
      pending += text;
      if (pending.length >= 16_384) {
        update(pending);
        pending = '';
      }
    },
  });
  if (pending.length > 0) update(pending);
}
