import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { indicatorKindSchema, measureSchema, periodicitySchema, type IndicatorKind, type Measure, type Periodicity } from '@semaforo/domain';
import { z } from 'zod';

/**
 * The shape of a real institution, from the national institute's published
 * catalog of targets: each indicator's periodicity, measure, target and
 * polarity, and the units that own them. The generator samples these entries,
 * so its institutions keep the catalog's joint mix of periodicities, measures,
 * magnitudes and polarities. The catalog is read from `bench/data/`, derived
 * once from the seed document (see `bench/data/README.md`).
 */
export interface CatalogEntry {
  readonly name: string;
  readonly periodicity: Periodicity;
  readonly measure: Measure;
  /** The published target as a non-negative decimal string (a deficit target's sign is dropped: values are non-negative). */
  readonly target: string;
  readonly lowerIsBetter: boolean;
  readonly kind: IndicatorKind;
}

export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  readonly units: readonly string[];
}

const CATALOG_PATH = fileURLToPath(new URL('../../data/iess-catalog.json', import.meta.url));

// The file is derived, but it is a file in the tree: a hand edit that breaks it fails here, not deep in the generator.
const catalogSchema = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        periodicity: periodicitySchema,
        measure: measureSchema,
        target: z.string().regex(/^\d+(\.\d+)?$/),
        lowerIsBetter: z.boolean(),
        kind: indicatorKindSchema,
      }),
    )
    .min(1),
  units: z.array(z.string().min(1)),
});

let cached: Catalog | undefined;

export function loadCatalog(): Catalog {
  cached ??= catalogSchema.parse(JSON.parse(readFileSync(CATALOG_PATH, 'utf8')));
  return cached;
}

export interface CatalogMix {
  readonly indicators: number;
  readonly units: number;
  readonly periodicity: Readonly<Record<string, number>>;
  readonly measure: Readonly<Record<string, number>>;
  readonly kind: Readonly<Record<string, number>>;
  readonly lowerIsBetter: number;
}

const countBy = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
};

/** Counts, to print: what the generator's shares come from. */
export function catalogMix(catalog: Catalog): CatalogMix {
  return {
    indicators: catalog.entries.length,
    units: catalog.units.length,
    periodicity: countBy(catalog.entries, (e) => e.periodicity),
    measure: countBy(catalog.entries, (e) => e.measure),
    kind: countBy(catalog.entries, (e) => e.kind),
    lowerIsBetter: catalog.entries.filter((e) => e.lowerIsBetter).length,
  };
}

/** "monthly 422 (63.0 %), quarterly 116 (17.3 %), …" */
export function describeMix(mix: CatalogMix): string {
  const share = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .map(([key, n]) => `${key} ${n} (${((100 * n) / mix.indicators).toFixed(1)} %)`)
      .join(', ');
  return [
    `catalog: ${mix.indicators} indicators, ${mix.units} units`,
    `  periodicity: ${share(mix.periodicity)}`,
    `  measure: ${share(mix.measure)}`,
    `  kind: ${share(mix.kind)}`,
    `  lower-is-better: ${mix.lowerIsBetter} (${((100 * mix.lowerIsBetter) / mix.indicators).toFixed(1)} %)`,
  ].join('\n');
}
