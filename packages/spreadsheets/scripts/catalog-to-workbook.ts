/**
 * One-off: the national institute's published catalog of targets (LOTAIP,
 * `seeds/iess-metas-lotaip.txt` in the project's shared material) as a plan
 * workbook of 2021, written to committed files that tests and the bench read
 * (nothing reads the seed at build, test or bench time):
 *
 *   node --conditions=semaforo-source --import=tsx packages/spreadsheets/scripts/catalog-to-workbook.ts \
 *     path/to/iess-metas-lotaip.txt tests/fixtures/iess-catalog
 *
 * The catalog's own spellings are kept on purpose, so the importer meets
 * them: periodicities as written (`Bimenstral`), targets as written (`0,5`,
 * `1,833`, `91.28%`, `-375,123,611$`: the number and any `%` or `$` glued to
 * it; words such as `meses` go to the measure column). The parsing follows
 * `bench/scripts/derive-catalog.ts` (the same target pattern, unit names and
 * "lower is better" words), row by row so that each indicator keeps its unit.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPeriod, periodsOf, valueOfWord, wordOf, type IndicatorKind, type Measure, type Periodicity, type Polarity } from '@semaforo/domain';
import { planSheetToCsv, planWorkbookToXlsx, WORKBOOK_LAYOUT, type PlanWorkbook, type SheetKey, type WorkbookCell } from '@semaforo/spreadsheets';

const FISCAL_YEAR = 2021;
/** The fixtures' dates (workbook properties, zip entries): the plan's year, so the same catalog gives the same bytes. */
const FILE_DATE = new Date(Date.UTC(FISCAL_YEAR, 0, 1));
const RESULTS_SEED = 20210101;

/** A target such as `91.28%`, `20 Días`, `28 meses`, `-375,123,611\$` or `192`, then its frequency (derive-catalog's pattern). */
const TARGET_THEN_FREQUENCY = /(-?\d[\d.,]*)\s*(%|d[ií]as|meses|\\?\$)?\s*Frecuencia:\s*([A-Za-zÁÉÍÓÚáéíóú]+)/giu;
const LOWER_IS_BETTER = /rezagad|tiempo promedio|tiempo de espera|tiempo transcurrido|brecha de evasi|rotaci[oó]n de personal|ausentismo/iu;
const UNIT_NAME = /^(Direcci[oó]n|Procuradur[ií]a|Subdirecci[oó]n|Coordinaci[oó]n|Hospital|Secretar[ií]a|Auditor[ií]a)\b/u;
/** `IE-DAIE-NA-1-Solidez…`, `TE-DSGSIF-DP-AG-Porcentaje…`, `A35 Porcentaje…`, `M57 IR-01 Porcentaje…`. */
// The code ends where a word of the name starts (a capital then small letters): `TE-DSGSIF-DP-AG` keeps its `AG`.
const CATALOG_CODE = /^((?:IE|TE|NC)(?:-[A-Z0-9]+)*?|[A-Z]{1,2}\d{1,4}(?:\s+[A-Z]{2}-\d+)?)(?:\s*[-–]\s*|\s+)(?=\p{Lu}\p{Ll}|\p{Ll})(.*)$/u;
const HEADING = /<b>([^<]+)<\/b>/u;
const SMALL_WORDS = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e', 'a', 'en', 'para', 'por']);

interface CatalogIndicator {
  code: string;
  readonly catalogCode: string | null;
  readonly name: string;
  readonly unit: string;
  readonly perspective: string;
  readonly periodicityWord: string;
  readonly periodicity: Periodicity;
  readonly measure: Measure;
  readonly polarity: Polarity;
  readonly kind: IndicatorKind;
  readonly formula: string;
  /** As the catalog writes it, with a `%` or `$` glued to it. */
  readonly target: string;
  readonly objective: string | null;
}

interface CatalogUnit {
  readonly code: string;
  readonly name: string;
}

interface Catalog {
  readonly perspectives: readonly { readonly code: string; readonly name: string }[];
  readonly units: readonly CatalogUnit[];
  readonly indicators: readonly CatalogIndicator[];
  /** Targets found whose frequency names no periodicity, as `word: count`. */
  readonly skipped: Readonly<Record<string, number>>;
}

const stripTags = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\\\$/g, '$')
    .replace(/\s+/g, ' ')
    .trim();

const ascii = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '');

function measureOf(suffix: string | undefined): Measure {
  const word = (suffix ?? '').toLowerCase();
  if (word === '%') return 'percent';
  if (word.startsWith('d')) return 'days';
  if (word === 'meses') return 'months';
  if (word.endsWith('$')) return 'currency';
  return 'count';
}

/** `Dirección Provincial Los Ríos` → `DP-LOS-RIOS`; `Dirección Nacional de Afiliación y Cobertura` → `DNAC`. */
function unitCodeOf(name: string): string {
  const words = ascii(name)
    .split(/[\s/,.()-]+/u)
    .filter((w) => w !== '');
  const provincial = /^Direccion Provincial (.+)$/u.exec(ascii(name));
  if (provincial !== null) return `DP-${provincial[1]!.toUpperCase().replace(/[^A-Z0-9]+/g, '-')}`;
  return words
    .filter((w) => !SMALL_WORDS.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function perspectiveCodeOf(heading: string): string {
  const first = ascii(heading).toLowerCase().split(/\s+/u)[1] ?? 'procesos';
  return first.replace(/[^a-z0-9]+/g, '-');
}

function nameItems(cell: string): string[] {
  const items = cell.includes('<p>') ? cell.split(/<\/p>/u).map(stripTags) : [stripTags(cell)];
  return items.filter((s) => s !== '');
}

export function parseCatalog(text: string): Catalog {
  const perspectives: { code: string; name: string }[] = [];
  const units = new Map<string, CatalogUnit>();
  const indicators: CatalogIndicator[] = [];
  const skipped: Record<string, number> = {};
  let perspective = '';
  let unit: CatalogUnit | null = null;
  let objective: string | null = null;
  for (const line of text.split('\n')) {
    const heading = HEADING.exec(line);
    if (heading !== null) {
      const name = heading[1]!.trim();
      perspective = perspectiveCodeOf(name);
      if (!perspectives.some((p) => p.code === perspective)) perspectives.push({ code: perspective, name });
    }
    const cells = line.split('\t');
    cells.forEach((cell, index) => {
      const plain = stripTags(cell);
      if (UNIT_NAME.test(plain) && plain.length < 120) {
        const known = [...units.values()].find((u) => u.name === plain);
        unit = known ?? { code: unitCodeOf(plain), name: plain };
        if (known === undefined) {
          let code = unit.code;
          for (let n = 2; [...units.values()].some((u) => u.code === code); n += 1) code = `${unit.code}-${n}`;
          unit = { code, name: plain };
          units.set(plain, unit);
        }
        const next = stripTags(cells[index + 1] ?? '');
        objective = next !== '' && !CATALOG_CODE.test(next) && next.length <= 200 ? next : null;
      }
    });
    cells.forEach((cell, index) => {
      const plain = stripTags(cell);
      const matches = [...plain.matchAll(TARGET_THEN_FREQUENCY)];
      if (matches.length === 0 || unit === null) return;
      // The indicator's name is in the nearest non-empty cell to the left; a cell of <p> names pairs with a cell of <p> targets.
      const nameCell = cells
        .slice(0, index)
        .reverse()
        .find((c) => /\p{L}{3}/u.test(stripTags(c)) && !UNIT_NAME.test(stripTags(c)));
      const names = nameCell === undefined ? [] : nameItems(nameCell);
      matches.forEach((match, k) => {
        const word = match[3]!;
        const periodicity = valueOfWord('periodicity', word);
        if (periodicity === undefined) {
          skipped[word] = (skipped[word] ?? 0) + 1;
          return;
        }
        const measure = measureOf(match[2]);
        const end = match.index + match[0].length;
        const nextStart = matches[k + 1]?.index ?? plain.length;
        const formula = plain.slice(end, nextStart).trim();
        const fullName = (names.length === matches.length ? names[k] : names[names.length - 1]) ?? formula.slice(0, 80);
        const coded = CATALOG_CODE.exec(fullName);
        const glued = match[2] === '%' || match[2]?.endsWith('$') === true ? match[2].replace('\\', '') : '';
        indicators.push({
          code: '',
          catalogCode: coded === null ? null : coded[1]!,
          name: (coded === null ? fullName : coded[2]! || fullName).slice(0, 500),
          unit: unit!.code,
          perspective,
          periodicityWord: word,
          periodicity,
          measure,
          polarity: measure === 'days' || LOWER_IS_BETTER.test(`${fullName} ${formula}`) ? 'lower-is-better' : 'higher-is-better',
          kind: /^\s*IE-/u.test(fullName) ? 'result' : 'production',
          formula: (formula === '' ? fullName : formula).slice(0, 4000),
          target: `${match[1]!.replace(/[.,]$/, '')}${glued}`,
          objective,
        });
      });
    });
  }
  // A catalog code names an indicator of one unit; the provincial directorates repeat theirs, so those get the unit's code.
  const uses = new Map<string, number>();
  for (const indicator of indicators) if (indicator.catalogCode !== null) uses.set(indicator.catalogCode, (uses.get(indicator.catalogCode) ?? 0) + 1);
  const taken = new Set<string>();
  indicators.forEach((indicator, n) => {
    const base =
      indicator.catalogCode === null
        ? `IESS-${String(n + 1).padStart(3, '0')}`
        : uses.get(indicator.catalogCode) === 1
          ? indicator.catalogCode.replace(/\s+/g, '-')
          : `${indicator.catalogCode.replace(/\s+/g, '-')}.${indicator.unit}`;
    let code = base.slice(0, 64);
    for (let k = 2; taken.has(code); k += 1) code = `${base.slice(0, 60)}.${k}`;
    taken.add(code);
    indicator.code = code;
  });
  return { perspectives, units: [...units.values()], indicators, skipped };
}

/** Stocks, rates and averages are judged on their last value; counts and amounts add up. */
const accumulationOf = (measure: Measure) => (measure === 'count' ? 'sum' : 'last');

const layoutOf = (key: SheetKey) => WORKBOOK_LAYOUT.find((sheet) => sheet.key === key)!;
const sheet = (key: SheetKey, rows: readonly Readonly<Record<string, WorkbookCell>>[]) => {
  const layout = layoutOf(key);
  return { layout, rows: rows.map((row) => layout.columns.map((column) => row[column.key] ?? null)) };
};

const periodRows = (catalog: Catalog, value: (indicator: CatalogIndicator, period: string) => Readonly<Record<string, WorkbookCell>>) =>
  catalog.indicators.flatMap((indicator) =>
    periodsOf(FISCAL_YEAR, indicator.periodicity).map((p) => {
      const period = formatPeriod(p);
      return { code: indicator.code, name: indicator.name, unit: indicator.unit, period, ...value(indicator, period) };
    }),
  );

/** The plan's workbook: structure, the published target in every period of each indicator, results to fill in. */
function catalogWorkbook(catalog: Catalog): PlanWorkbook {
  return {
    language: 'es',
    sheets: [
      sheet('perspectives', catalog.perspectives),
      sheet(
        'units',
        catalog.units.map((u) => ({
          code: u.code,
          name: u.name,
          areaClass: wordOf('areaClass', /^Hospital/u.test(u.name) ? 'health' : 'administrative', 'es'),
        })),
      ),
      sheet(
        'indicators',
        catalog.indicators.map((i) => ({
          code: i.code,
          name: i.name,
          kind: wordOf('kind', i.kind, 'es'),
          perspective: i.perspective,
          unit: i.unit,
          measure: wordOf('measure', i.measure, 'es'),
          periodicity: i.periodicityWord,
          polarity: wordOf('polarity', i.polarity, 'es'),
          accumulation: wordOf('accumulation', accumulationOf(i.measure), 'es'),
          formula: i.formula,
          strategicObjective: i.objective,
        })),
      ),
      sheet(
        'targets',
        periodRows(catalog, (indicator) => ({ value: indicator.target })),
      ),
      sheet(
        'results',
        periodRows(catalog, () => ({})),
      ),
    ],
  };
}

/** mulberry32: small, seeded, the same sequence on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** The catalog's target as a number, read the way derive-catalog reads it (English thousands, `0,5`, Spanish thousands for counts). */
function targetNumber(raw: string, measure: Measure): number {
  const negative = raw.startsWith('-');
  let text = raw.replace(/^-/, '').replace(/[%$]$/, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  else if (/^\d+,\d{1,2}$/.test(text)) text = text.replace(',', '.');
  else if (measure === 'count' && /^\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, '');
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) ? (negative ? -value : value) : 0;
}

const DECIMALS: Readonly<Record<Measure, number>> = { percent: 2, count: 0, currency: 0, days: 1, months: 1, ratio: 2, index: 2 };

/**
 * A year of results around each target: between 75 % and 115 % of it, a
 * percentage no higher than 100 when its target is not, about one period in
 * a hundred "no data" (with its reason). Generated data (floating point is
 * fine here: it makes numbers, it judges nothing), written as a Spanish
 * workbook writes them (`97,56`).
 */
function resultsWorkbook(catalog: Catalog): PlanWorkbook {
  const random = prng(RESULTS_SEED);
  const rows = periodRows(catalog, (indicator) => {
    if (random() < 0.01) return { noData: 'Sí', reason: 'Sin información del sistema' };
    const target = targetNumber(indicator.target, indicator.measure);
    let value = target * (0.75 + random() * 0.4);
    if (indicator.measure === 'percent' && target <= 100) value = Math.min(value, 100);
    const decimals = DECIMALS[indicator.measure];
    const text = value.toFixed(decimals).replace(/^-(0(\.0+)?)$/, '$1');
    return { value: text.replace('.', ',') };
  });
  return { language: 'es', sheets: [sheet('results', rows)] };
}

async function main(from: string, to: string): Promise<void> {
  const catalog = parseCatalog(readFileSync(from, 'utf8'));
  if (catalog.indicators.length === 0) throw new Error(`no indicator found in ${from}`);
  mkdirSync(to, { recursive: true });
  const workbook = catalogWorkbook(catalog);
  writeFileSync(join(to, 'catalogo-iess-2021.xlsx'), await planWorkbookToXlsx(workbook, { date: FILE_DATE }));
  // CSV version 1: the cells exactly as the catalog writes them (version 3 would prefix `-375,123,611$` with a quote).
  for (const key of ['perspectives', 'units', 'indicators', 'targets'] as const) {
    writeFileSync(join(to, `${layoutOf(key).es.toLowerCase()}.csv`), planSheetToCsv(workbook, key, 1));
  }
  const results = resultsWorkbook(catalog);
  writeFileSync(join(to, 'resultados-2021.csv'), planSheetToCsv(results, 'results', 1));
  writeFileSync(join(to, 'resultados-2021.xlsx'), await planWorkbookToXlsx(results, { date: FILE_DATE }));
  const count = (key: SheetKey, w: PlanWorkbook) => w.sheets.find((s) => s.layout.key === key)!.rows.length;
  const byPeriodicity = new Map<string, number>();
  for (const i of catalog.indicators) byPeriodicity.set(i.periodicityWord, (byPeriodicity.get(i.periodicityWord) ?? 0) + 1);
  process.stdout.write(
    `${JSON.stringify(
      {
        perspectives: catalog.perspectives.length,
        units: catalog.units.length,
        unitsWithoutIndicators: catalog.units.filter((u) => !catalog.indicators.some((i) => i.unit === u.code)).map((u) => u.name),
        indicators: catalog.indicators.length,
        withCatalogCode: catalog.indicators.filter((i) => i.catalogCode !== null).length,
        codesQualifiedByUnit: catalog.indicators.filter((i) => i.code.includes('.')).length,
        withoutCatalogCode: catalog.indicators.filter((i) => i.catalogCode === null).map((i) => `${i.code}: ${i.name.slice(0, 60)}`),
        negativeTargets: catalog.indicators.filter((i) => i.target.startsWith('-')).length,
        targetRows: count('targets', workbook),
        resultRows: count('results', results),
        noDataRows: results.sheets[0]!.rows.filter((row) => row.includes('Sí')).length,
        byPeriodicity: Object.fromEntries(byPeriodicity),
        skippedFrequencies: catalog.skipped,
      },
      null,
      2,
    )}\n`,
  );
}

const [from, to] = process.argv.slice(2);
if (from === undefined || to === undefined) {
  process.stderr.write('usage: catalog-to-workbook.ts path/to/iess-metas-lotaip.txt tests/fixtures/iess-catalog\n');
  process.exitCode = 2;
} else {
  await main(from, to);
}
