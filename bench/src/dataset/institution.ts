import type { Accumulation, AreaClass, IndicatorDefinition, Measure, Perspective } from '@semaforo/domain';
import type { Catalog, CatalogEntry } from './catalog.js';
import type { Random } from './random.js';

/** The same four Balanced Scorecard perspectives as the seed plans (DOMAIN.md). */
export const PERSPECTIVES: readonly Perspective[] = [
  { code: 'usuarios', name: 'Persona Usuaria / Derechohabientes' },
  { code: 'financiera', name: 'Financiera' },
  { code: 'procesos', name: 'Procesos Internos' },
  { code: 'personas', name: 'Recurso Humano / Crecimiento y Desarrollo' },
];

export interface UnitShape {
  readonly code: string;
  readonly name: string;
  readonly parentCode?: string;
  readonly areaClass: AreaClass;
}

export interface IndicatorShape {
  readonly code: string;
  readonly entry: CatalogEntry;
  readonly definition: IndicatorDefinition;
}

/** An institution as the generator sees it: the same units and indicators every fiscal year. */
export interface InstitutionShape {
  readonly id: string;
  readonly name: string;
  readonly units: readonly UnitShape[];
  readonly indicators: readonly IndicatorShape[];
}

/** Counts add up period by period, waiting times average out, rates and stocks take the latest value. */
const ACCUMULATION: Readonly<Record<Measure, Accumulation>> = {
  count: 'sum',
  currency: 'sum',
  days: 'average',
  months: 'last',
  percent: 'last',
  ratio: 'last',
  index: 'last',
};

/** "Dirección Nacional de Gestión Financiera" → "DNGF", as the catalog's codes do. */
function unitCode(name: string, taken: Set<string>): string {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '');
  const base =
    plain
      .split(/[^A-Za-z0-9]+/)
      .filter((word) => /^[A-Z0-9]/.test(word))
      .map((word) => word[0])
      .join('')
      .slice(0, 12) || 'U';
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}${n}`;
  taken.add(code);
  return code;
}

function unitsFor(catalog: Catalog, count: number): UnitShape[] {
  const taken = new Set<string>();
  const names = catalog.units.length > 0 ? catalog.units : ['Dirección General'];
  const units: UnitShape[] = [];
  for (let i = 0; i < count; i++) {
    const name = i < names.length ? names[i]! : `${names[i % names.length]!} ${Math.floor(i / names.length) + 1}`;
    const code = unitCode(name, taken);
    // National directorates sit under the first unit (the general directorate); provincial ones stand alone.
    const under = i > 0 && /Nacional|Actuarial|Procuradur|^Direcci[oó]n del /u.test(name) ? units[0]!.code : undefined;
    units.push({
      code,
      name,
      ...(under === undefined ? {} : { parentCode: under }),
      areaClass: /Salud|Hospital|Campesino/u.test(name) ? 'health' : 'administrative',
    });
  }
  return units;
}

function perspectiveFor(random: Random, entry: CatalogEntry): string {
  if (entry.measure === 'currency') return 'financiera';
  const draw = random.next();
  if (draw < 0.45) return 'usuarios';
  if (draw < 0.6) return 'financiera';
  if (draw < 0.85) return 'procesos';
  return 'personas';
}

/**
 * Draws an institution of `size` indicators: the whole catalog, in its order,
 * when `size` is the catalog's size; otherwise entries sampled from it, so
 * the shares of periodicities, measures and polarities stay the catalog's.
 * Units scale with the size (the catalog has one per ~15 indicators).
 */
export function shapeInstitution(random: Random, catalog: Catalog, id: string, size: number): InstitutionShape {
  const all = catalog.entries;
  const entries: CatalogEntry[] = size === all.length ? [...all] : Array.from({ length: size }, () => random.pick(all));
  const unitCount = Math.max(3, Math.round((catalog.units.length * size) / all.length));
  const units = unitsFor(catalog, unitCount);
  const indicators = entries.map((entry, index): IndicatorShape => {
    const unit = random.pick(units);
    const code = `${entry.kind === 'result' ? 'IE' : 'TE'}-${unit.code}-${index + 1}`;
    const definition: IndicatorDefinition = {
      name: entry.name,
      kind: entry.kind,
      perspective: perspectiveFor(random, entry),
      unit: unit.code,
      measure: entry.measure,
      periodicity: entry.periodicity,
      polarity: entry.lowerIsBetter ? 'lower-is-better' : 'higher-is-better',
      accumulation: ACCUMULATION[entry.measure],
      formula: `Numerador y denominador según la ficha del indicador: ${entry.name}`.slice(0, 4000),
      ...(entry.measure === 'percent' ? { decimals: 2 } : {}),
    };
    return { code, entry, definition };
  });
  return { id, name: `Institución ${id}`, units, indicators };
}
