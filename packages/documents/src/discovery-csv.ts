import { wordOf, type AreaClass, type IndicatorKind, type Measure, type Periodicity, type Polarity, type Accumulation } from '@semaforo/domain';
import { writeCsv, type CsvVersion } from './csv.js';
import type { DocumentLanguage } from './labels.js';

/** What the discovery lists hold, as their CSV rows need it (the API's views, without the JSON-only parts). */
export interface PlanRow {
  readonly planId: string;
  readonly name: string;
  readonly fiscalYear: number;
}

export interface IndicatorRow {
  readonly code: string;
  readonly name: string;
  readonly kind: IndicatorKind;
  readonly perspective: string;
  readonly unit: string;
  readonly measure: Measure;
  readonly periodicity: Periodicity;
  readonly polarity: Polarity;
  readonly accumulation: Accumulation;
  readonly status: 'active' | 'retired';
}

export interface PeriodRow {
  readonly period: string;
  readonly periodicity: Periodicity;
  readonly due: readonly { readonly code: string; readonly reported: boolean }[];
}

export interface UnitRow {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
  readonly areaClass: AreaClass;
  /** 1 for a top-level unit, 2 for one below it... */
  readonly level: number;
}

export type DiscoveryKind = 'plans' | 'indicators' | 'periods' | 'units';

interface DiscoveryLabels {
  readonly plans: readonly string[];
  readonly indicators: readonly string[];
  readonly periods: readonly string[];
  readonly units: readonly string[];
  readonly lifecycle: Readonly<Record<'active' | 'retired', string>>;
  readonly fileName: Readonly<Record<DiscoveryKind, string>>;
}

const LABELS: Readonly<Record<DocumentLanguage, DiscoveryLabels>> = {
  es: {
    plans: ['Plan', 'Nombre', 'Año fiscal'],
    indicators: ['Código', 'Indicador', 'Tipo', 'Perspectiva', 'Unidad', 'Medida', 'Periodicidad', 'Polaridad', 'Acumulación', 'Estado'],
    periods: ['Período', 'Periodicidad', 'Exigibles', 'Reportados', 'Sin reporte'],
    units: ['Código', 'Unidad', 'Unidad superior', 'Clase de área', 'Nivel'],
    lifecycle: { active: 'Activo', retired: 'Retirado' },
    fileName: { plans: 'planes', indicators: 'indicadores', periods: 'periodos', units: 'unidades' },
  },
  en: {
    plans: ['Plan', 'Name', 'Fiscal year'],
    indicators: ['Code', 'Indicator', 'Kind', 'Perspective', 'Unit', 'Measure', 'Periodicity', 'Polarity', 'Accumulation', 'Status'],
    periods: ['Period', 'Periodicity', 'Due', 'Reported', 'Not reported'],
    units: ['Code', 'Unit', 'Parent unit', 'Area class', 'Level'],
    lifecycle: { active: 'Active', retired: 'Retired' },
    fileName: { plans: 'plans', indicators: 'indicators', periods: 'periods', units: 'units' },
  },
};

/** `planes-upisss.csv`, `indicadores-upisss-2021.csv`…: what a discovery download is saved as. */
export function discoveryFileName(kind: DiscoveryKind, subject: string, language: DocumentLanguage): string {
  return `${LABELS[language].fileName[kind]}-${subject}.csv`;
}

export function plansToCsv(rows: readonly PlanRow[], language: DocumentLanguage, version: CsvVersion): string {
  return writeCsv([LABELS[language].plans, ...rows.map((r) => [r.planId, r.name, String(r.fiscalYear)])], version);
}

/** Enumerations in the words of the language (`Resultado`, `Trimestral`), as a planner reads them. */
export function indicatorsToCsv(rows: readonly IndicatorRow[], language: DocumentLanguage, version: CsvVersion): string {
  const labels = LABELS[language];
  return writeCsv(
    [
      labels.indicators,
      ...rows.map((r) => [
        r.code,
        r.name,
        wordOf('kind', r.kind, language),
        r.perspective,
        r.unit,
        wordOf('measure', r.measure, language),
        wordOf('periodicity', r.periodicity, language),
        wordOf('polarity', r.polarity, language),
        wordOf('accumulation', r.accumulation, language),
        labels.lifecycle[r.status],
      ]),
    ],
    version,
  );
}

/** One row per period: how many indicators are due, and the codes still without a result. */
export function periodsToCsv(rows: readonly PeriodRow[], language: DocumentLanguage, version: CsvVersion): string {
  return writeCsv(
    [
      LABELS[language].periods,
      ...rows.map((r) => [
        r.period,
        wordOf('periodicity', r.periodicity, language),
        String(r.due.length),
        String(r.due.filter((d) => d.reported).length),
        r.due
          .filter((d) => !d.reported)
          .map((d) => d.code)
          .join(' '),
      ]),
    ],
    version,
  );
}

export function unitsToCsv(rows: readonly UnitRow[], language: DocumentLanguage, version: CsvVersion): string {
  return writeCsv(
    [LABELS[language].units, ...rows.map((r) => [r.code, r.name, r.parentCode ?? '', wordOf('areaClass', r.areaClass, language), String(r.level)])],
    version,
  );
}
