import {
  DEFAULT_EVALUATION_SCALE,
  evaluateCompliance,
  formatPeriod,
  parseDecimal,
  periodEndMonth,
  periodStartMonth,
  periodsOf,
  planIdFor,
  type IndicatorCommand,
  type Measure,
  type PlanCommand,
  type Status,
} from '@semaforo/domain';
import { loadCatalog, type Catalog } from './catalog.js';
import type { DatasetCommand, DatasetMetadata } from './dataset-command.js';
import { PERSPECTIVES, shapeInstitution, type IndicatorShape, type InstitutionShape } from './institution.js';
import { Random } from './random.js';

/** How often people change what they wrote. Plausible, not measured: tune them here. */
export interface DatasetRates {
  /** Share of indicators whose second-half targets are revised in July (*reprogramación*). */
  readonly targetRevision: number;
  /** Share of reported results corrected weeks later (a restatement). */
  readonly resultCorrection: number;
  /** Share of due results reported explicitly as "no data". */
  readonly noData: number;
  /** Share of critical results that get a justification with corrective actions. */
  readonly justification: number;
  /** Share of indicators whose formula is amended in March. */
  readonly amendment: number;
  /** Share of results drawn to fall short (critical) and near the target (regular); the rest meet it. */
  readonly critical: number;
  readonly regular: number;
}

export const DEFAULT_RATES: DatasetRates = {
  targetRevision: 0.05,
  resultCorrection: 0.03,
  noData: 0.01,
  justification: 0.9,
  amendment: 0.01,
  critical: 0.15,
  regular: 0.15,
};

export interface DatasetOptions {
  readonly seed: number;
  /** Default 3. */
  readonly institutions?: number;
  /** Fiscal years per institution, from `firstYear` on. Default 2. */
  readonly years?: number;
  /** Default 2021. */
  readonly firstYear?: number;
  /**
   * Indicators per institution. Default: the first institution is the whole
   * catalog (a national institute); the others draw a size between 30 and
   * the catalog's, log-uniformly (many small units, a few large ones).
   */
  readonly indicatorsPerInstitution?: number;
  readonly rates?: Partial<DatasetRates>;
  readonly catalog?: Catalog;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The institutions of a dataset: drawn first, from the seed, so every year has the same ones. */
export function shapeInstitutions(random: Random, options: DatasetOptions, catalog: Catalog): InstitutionShape[] {
  const count = options.institutions ?? 3;
  const full = catalog.entries.length;
  return Array.from({ length: count }, (_, i) => {
    const id = `inst-${String(i + 1).padStart(3, '0')}`;
    const size = options.indicatorsPerInstitution ?? (i === 0 ? full : Math.round(Math.exp(random.between(Math.log(30), Math.log(full)))));
    return shapeInstitution(random, catalog, id, size);
  });
}

type Unstamped =
  | { readonly target: 'plan'; readonly planId: string; readonly command: PlanCommand }
  | { readonly target: 'indicator'; readonly planId: string; readonly command: IndicatorCommand };

interface Stamp {
  readonly at: number;
  readonly actor: { readonly id: string; readonly role: string };
  readonly correlationId: string;
}

/** A command waiting for its metadata: sorted by time, then by the order it was drawn in. */
type Scheduled = Unstamped & Stamp & { readonly order: number };

/** Decimal text for a drawn number: integers for counts, at most two decimals otherwise, no trailing zeros. */
export function formatValue(value: number, measure: Measure): string {
  const magnitude = Math.abs(value);
  if (measure === 'count') return String(Math.round(magnitude));
  const text = magnitude.toFixed(2);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** The whole numerator and the denominator of a percentage, as close to it as that denominator allows. */
function ratioOf(percent: string, denominator: number): { numerator: number; denominator: number } {
  return { numerator: Math.round((Number(percent) * denominator) / 100), denominator };
}

/** 100 × numerator / denominator rounded half up to two decimals (in integers: exact), written as `formatValue` writes. */
function percentOf(numerator: number, denominator: number): string {
  const hundredths = Math.floor((2 * 10_000 * numerator + denominator) / (2 * denominator));
  const text = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

function statusOf(indicator: IndicatorShape, target: string, result: string): Status {
  return evaluateCompliance({
    polarity: indicator.definition.polarity,
    target: parseDecimal(target),
    result: parseDecimal(result),
    scale: DEFAULT_EVALUATION_SCALE,
  }).status;
}

const JUSTIFICATIONS = [
  'La meta no se alcanzó por retrasos en los procesos de contratación.',
  'El resultado se vio afectado por la falta de personal en el período.',
  'Los sistemas de información presentaron indisponibilidad durante el período.',
  'La demanda superó la capacidad instalada de la unidad.',
  'Se priorizaron otras actividades por disposición de la autoridad.',
];
const ACTIONS = [
  'Reforzar el seguimiento semanal del indicador.',
  'Gestionar la contratación del personal faltante.',
  'Coordinar con la unidad de tecnología la estabilidad de los sistemas.',
  'Reprogramar las actividades pendientes para el siguiente período.',
  'Capacitar al personal responsable del registro de la información.',
];

const isoDate = (at: number): string => new Date(at).toISOString().slice(0, 10);

const plannerOf = (institution: InstitutionShape, unit: string) => ({ id: `planner.${unit.toLowerCase()}@${institution.id}`, role: 'planner' });
const directorOf = (institution: InstitutionShape) => ({ id: `director@${institution.id}`, role: 'director' });

/** January 2nd: the plan, its units, its indicators. */
function planSetup(random: Random, institution: InstitutionShape, year: number, push: (s: Unstamped & Stamp) => void): void {
  const planId = planIdFor(institution.id, year);
  const director = directorOf(institution);
  let at = Date.UTC(year, 0, 2, 13, 0, 0);
  const setup = random.uuid();
  const planCommand = (command: PlanCommand) => push({ at: (at += 1000), target: 'plan', planId, command, actor: director, correlationId: setup });
  planCommand({
    type: 'OpenPlan',
    data: { institutionId: institution.id, fiscalYear: year, fiscalYearStartMonth: 1, name: `Plan Anual de Trabajo ${year}`, perspectives: [...PERSPECTIVES] },
  });
  for (const unit of institution.units) {
    planCommand({
      type: 'DefineUnit',
      data: { code: unit.code, name: unit.name, areaClass: unit.areaClass, ...(unit.parentCode === undefined ? {} : { parentCode: unit.parentCode }) },
    });
  }
  for (const indicator of institution.indicators) {
    push({
      at: (at += 1000),
      target: 'indicator',
      planId,
      command: { type: 'RegisterIndicator', data: { code: indicator.code, ...indicator.definition } },
      actor: plannerOf(institution, indicator.definition.unit),
      correlationId: setup,
    });
  }
}

function stamp(random: Random, s: Unstamped & Stamp): DatasetCommand {
  const metadata: DatasetMetadata = {
    actor: s.actor,
    source: 'api',
    requestId: random.uuid(),
    correlationId: s.correlationId,
    recordedAt: new Date(s.at).toISOString(),
  };
  return s.target === 'plan'
    ? { target: 'plan', planId: s.planId, command: s.command, metadata }
    : { target: 'indicator', planId: s.planId, command: s.command, metadata };
}

/** Only the plans' structure and indicators, no figures: the starting point of the `append` benchmark. */
export function setupCommands(random: Random, institutions: readonly InstitutionShape[], year: number): DatasetCommand[] {
  const scheduled: (Unstamped & Stamp)[] = [];
  for (const institution of institutions) planSetup(random, institution, year, (s) => scheduled.push(s));
  return scheduled.map((s) => stamp(random, s));
}

/** The commands of one institution's fiscal year, unsorted. */
function planYear(random: Random, institution: InstitutionShape, year: number, rates: DatasetRates, push: (s: Unstamped & Stamp) => void): void {
  const planId = planIdFor(institution.id, year);
  const planner = (unit: string) => plannerOf(institution, unit);
  const director = directorOf(institution);
  const session = () => random.uuid();
  planSetup(random, institution, year, push);

  for (const indicator of institution.indicators) {
    const { entry, definition, code } = indicator;
    const actor = planner(definition.unit);
    const base = Math.max(Number(entry.target), entry.measure === 'count' ? 1 : 0.01);
    const periods = periodsOf(year, definition.periodicity);
    const targets = new Map<string, string>();

    // Targets for the whole year, in one sitting in the second half of January.
    let when = Date.UTC(year, 0, 10, 14, 0, 0) + random.int(0, 15) * DAY + random.int(0, 480) * MINUTE;
    const targetSession = session();
    for (const period of periods) {
      const jitter = entry.measure === 'percent' && random.chance(0.7) ? 1 : random.between(0.9, 1.1);
      let value = base * jitter;
      if (entry.measure === 'percent' && base <= 100) value = Math.min(value, 100);
      const id = formatPeriod(period);
      targets.set(id, formatValue(value, entry.measure));
      push({
        at: (when += 2000),
        target: 'indicator',
        planId,
        command: { type: 'SetTarget', data: { code, period: id, value: targets.get(id)! } },
        actor,
        correlationId: targetSession,
      });
    }

    if (random.chance(rates.amendment)) {
      push({
        at: Date.UTC(year, 2, random.int(1, 28), 15, 0, 0),
        target: 'indicator',
        planId,
        command: {
          type: 'AmendIndicator',
          data: { code, changes: { formula: `${definition.formula} (ficha actualizada ${year})` }, reason: 'Actualización de la ficha metodológica' },
        },
        actor: director,
        correlationId: session(),
      });
    }

    // Mid-year reprogramming of the second half's targets, before any of them is reported.
    if (random.chance(rates.targetRevision)) {
      let revisedAt = Date.UTC(year, 6, random.int(1, 15), 16, 0, 0);
      const revision = session();
      for (const period of periods) {
        if (periodStartMonth(period) < 7) continue;
        const id = formatPeriod(period);
        const revised = formatValue(Number(targets.get(id)) * random.between(0.85, 1.15), entry.measure);
        if (revised === targets.get(id)) continue;
        targets.set(id, revised);
        push({
          at: (revisedAt += 2000),
          target: 'indicator',
          planId,
          command: { type: 'SetTarget', data: { code, period: id, value: revised, reason: 'Reprogramación aprobada por la máxima autoridad' } },
          actor: director,
          correlationId: revision,
        });
      }
    }

    // Each period's result in the first weeks after it ends; some corrected later, critical ones justified.
    for (const period of periods) {
      const id = formatPeriod(period);
      const endMonth = periodEndMonth(period);
      const reportedAt = Date.UTC(year, endMonth, random.int(3, 20), random.int(8, 17), random.int(0, 59), 0);
      const reportSession = session();
      if (random.chance(rates.noData)) {
        push({
          at: reportedAt,
          target: 'indicator',
          planId,
          command: { type: 'ReportResult', data: { code, period: id, noData: true, reason: 'La fuente de información no entregó los datos del período' } },
          actor,
          correlationId: reportSession,
        });
        continue;
      }
      const target = targets.get(id)!;
      const draw = random.next();
      const factor =
        draw < rates.critical ? random.between(0.4, 0.84) : draw < rates.critical + rates.regular ? random.between(0.86, 0.985) : random.between(1, 1.1);
      let result = definition.polarity === 'lower-is-better' ? Number(target) / factor : Number(target) * factor;
      if (entry.measure === 'percent' && definition.polarity === 'higher-is-better' && Number(target) <= 100) result = Math.min(result, 100);
      const drawn = formatValue(result, entry.measure);
      const parts = entry.measure === 'percent' && random.chance(0.5) ? ratioOf(drawn, random.int(20, 5000)) : undefined;
      // As an institution works it out, the percentage reported is its numerator over its denominator, rounded:
      // so the ratio check passes, where a drawn value beside rounded parts warned on a quarter of all results.
      const value = parts === undefined ? drawn : percentOf(parts.numerator, parts.denominator);
      const ratio = parts === undefined ? {} : { numerator: String(parts.numerator), denominator: String(parts.denominator) };
      push({
        at: reportedAt,
        target: 'indicator',
        planId,
        command: { type: 'ReportResult', data: { code, period: id, value, ...ratio } },
        actor,
        correlationId: reportSession,
      });

      if (statusOf(indicator, target, value) === 'critical' && random.chance(rates.justification)) {
        const justifiedAt = reportedAt + random.int(1, 10) * DAY;
        const actions = Array.from({ length: random.int(1, 3) }, () => ({
          action: random.pick(ACTIONS),
          owner: `Responsable de ${definition.unit}`,
          dueDate: isoDate(justifiedAt + random.int(30, 90) * DAY),
        }));
        push({
          at: justifiedAt,
          target: 'indicator',
          planId,
          command: { type: 'AddJustification', data: { code, period: id, text: random.pick(JUSTIFICATIONS), correctiveActions: actions } },
          actor,
          correlationId: reportSession,
        });
      }
      if (random.chance(rates.resultCorrection)) {
        const corrected = formatValue(Number(value) * random.between(0.9, 1.1) + (entry.measure === 'count' ? 1 : 0.01), entry.measure);
        if (corrected !== value) {
          push({
            at: reportedAt + random.int(15, 40) * DAY,
            target: 'indicator',
            planId,
            command: { type: 'ReportResult', data: { code, period: id, value: corrected, reason: 'Corrección tras la validación de la fuente' } },
            actor,
            correlationId: session(),
          });
        }
      }
    }
  }
}

/**
 * The dataset, lazily and in time order, one fiscal year at a time (so a
 * million-event dataset is never all in memory). Deterministic: the same
 * options give the same commands, byte for byte (`datasetLine`).
 */
export function* generateDataset(options: DatasetOptions): Generator<DatasetCommand> {
  const catalog = options.catalog ?? loadCatalog();
  const rates: DatasetRates = { ...DEFAULT_RATES, ...options.rates };
  const random = new Random(options.seed);
  const institutions = shapeInstitutions(random, options, catalog);
  const firstYear = options.firstYear ?? 2021;
  const lastYear = firstYear + (options.years ?? 2) - 1;
  // December's results, corrections and justifications fall in the next
  // year: they wait for it, so that the whole log is in time order.
  let carried: Scheduled[] = [];
  let order = 0;
  for (let year = firstYear; year <= lastYear; year++) {
    const scheduled: Scheduled[] = carried;
    for (const institution of institutions) {
      planYear(random, institution, year, rates, (s) => scheduled.push({ ...s, order: order++ }));
    }
    scheduled.sort((a, b) => a.at - b.at || a.order - b.order);
    const yearEnd = year === lastYear ? Number.POSITIVE_INFINITY : Date.UTC(year + 1, 0, 1);
    carried = [];
    for (const s of scheduled) {
      if (s.at < yearEnd) yield stamp(random, s);
      else carried.push(s);
    }
  }
}
