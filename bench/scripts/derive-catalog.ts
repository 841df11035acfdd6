/**
 * One-off: derives `bench/data/iess-catalog.json` from the national institute's
 * published catalog of targets (`seeds/iess-metas-lotaip.txt` in the project's
 * shared material). Neither the bench nor the tests run it: they read the
 * derived file, so the repository stands alone. Run it again only to re-derive
 * from a new edition of the catalog (see `bench/data/README.md`):
 *
 *   node --conditions=semaforo-source --import=tsx bench/scripts/derive-catalog.ts \
 *     path/to/iess-metas-lotaip.txt bench/data/iess-catalog.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { IndicatorKind, Measure, Periodicity } from '@semaforo/domain';
import type { Catalog, CatalogEntry } from '../src/dataset/catalog.js';

const PERIODICITY_WORDS: Readonly<Record<string, Periodicity>> = {
  mensual: 'monthly',
  bimestral: 'bimonthly',
  // The catalog misspells it once.
  bimenstral: 'bimonthly',
  trimestral: 'quarterly',
  cuatrimestral: 'four-monthly',
  semestral: 'semiannual',
  anual: 'annual',
};

/** A target such as `91.28%`, `20 Días`, `28 meses`, `-375,123,611\$` or `192`, then its frequency. */
const TARGET_THEN_FREQUENCY = /(-?\d[\d.,]*)\s*(%|d[ií]as|meses|\\?\$)?\s*Frecuencia:\s*([A-Za-zÁÉÍÓÚáéíóú]+)/giu;

/**
 * What waiting times, backlogs, staff turnover, no-shows and evasion have in
 * common: less is better. (Not "reingreso": the catalog uses it for new
 * affiliations, which should grow.)
 */
const LOWER_IS_BETTER = /rezagad|tiempo promedio|tiempo de espera|tiempo transcurrido|brecha de evasi|rotaci[oó]n de personal|ausentismo/iu;

/** The unit column: a directorate, a provincial directorate, the attorney's office. */
const UNIT_NAME = /^(Direcci[oó]n|Procuradur[ií]a|Subdirecci[oó]n|Coordinaci[oó]n|Hospital|Secretar[ií]a|Auditor[ií]a)\b/u;

const stripTags = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function measureOf(suffix: string | undefined): Measure {
  const word = (suffix ?? '').toLowerCase();
  if (word === '%') return 'percent';
  if (word.startsWith('d')) return 'days';
  if (word === 'meses') return 'months';
  if (word.endsWith('$')) return 'currency';
  return 'count';
}

/**
 * `1.482` is a count of one thousand four hundred and eighty-two (Spanish
 * thousands), `0,5` is one half, `-375,123,611` is a dollar amount with
 * English thousands: read each the way the catalog wrote it.
 */
function normalizeNumber(raw: string, measure: Measure): string {
  let text = raw.replace(/^-/, '').replace(/[.,]$/, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  else if (/^\d+,\d{1,2}$/.test(text)) text = text.replace(',', '.');
  else if (measure === 'count' && /^\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, '');
  text = text.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(text)) return '0';
  const [whole, fraction] = text.split('.');
  const trimmedWhole = whole!.replace(/^0+(?=\d)/, '');
  return fraction === undefined ? trimmedWhole : `${trimmedWhole}.${fraction.slice(0, 4)}`;
}

/** Strategic indicators (IE-…) are results; tactical and unit ones (TE-, NC-, hospital codes) measure production. */
const kindOf = (name: string): IndicatorKind => (/^\s*IE-/u.test(name) ? 'result' : 'production');

function nameItems(cell: string): string[] {
  const items = cell.includes('<p>')
    ? cell
        .split(/<\/p>/u)
        .map(stripTags)
        .filter((s) => s !== '')
    : [stripTags(cell)];
  return items.filter((s) => s !== '');
}

function parseCatalog(text: string): Catalog {
  const entries: CatalogEntry[] = [];
  const units = new Set<string>();
  for (const line of text.split('\n')) {
    const cells = line.split('\t');
    for (const cell of cells) {
      const unit = stripTags(cell);
      if (UNIT_NAME.test(unit) && unit.length < 120) units.add(unit);
    }
    cells.forEach((cell, index) => {
      const plain = stripTags(cell);
      const matches = [...plain.matchAll(TARGET_THEN_FREQUENCY)];
      if (matches.length === 0) return;
      // The indicator's name is in the nearest non-empty cell to the left; a cell of <p> names pairs with a cell of <p> targets.
      const nameCell = cells
        .slice(0, index)
        .reverse()
        .find((c) => /\p{L}{3}/u.test(stripTags(c)) && !UNIT_NAME.test(stripTags(c)));
      const names = nameCell === undefined ? [] : nameItems(nameCell);
      matches.forEach((match, k) => {
        const periodicity = PERIODICITY_WORDS[match[3]!.toLowerCase()];
        if (periodicity === undefined) return;
        const measure = measureOf(match[2]);
        const after = plain.slice(match.index + match[0].length, match.index + match[0].length + 300);
        const name = (names.length === matches.length ? names[k] : names[names.length - 1]) ?? after.slice(0, 80);
        entries.push({
          name: name.slice(0, 300),
          periodicity,
          measure,
          target: normalizeNumber(match[1]!, measure),
          lowerIsBetter: measure === 'days' || LOWER_IS_BETTER.test(`${name} ${after}`),
          kind: kindOf(name),
        });
      });
    });
  }
  return { entries, units: [...units] };
}

/** One entry or unit a line, so that a re-derivation reviews as a line diff. */
function catalogJson(catalog: Catalog): string {
  const list = (items: readonly unknown[]): string => `[\n${items.map((item) => `  ${JSON.stringify(item)}`).join(',\n')}\n]`;
  return `{\n"entries": ${list(catalog.entries)},\n"units": ${list(catalog.units)}\n}\n`;
}

const [from, to] = process.argv.slice(2);
if (from === undefined || to === undefined) {
  process.stderr.write('usage: derive-catalog.ts path/to/iess-metas-lotaip.txt bench/data/iess-catalog.json\n');
  process.exitCode = 2;
} else {
  const catalog = parseCatalog(readFileSync(from, 'utf8'));
  if (catalog.entries.length === 0) throw new Error(`no indicator found in ${from}`);
  writeFileSync(to, catalogJson(catalog));
  process.stderr.write(`${catalog.entries.length} indicators, ${catalog.units.length} units written to ${to}\n`);
}
