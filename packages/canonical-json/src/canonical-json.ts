/**
 * The one JSON text of a value: object keys sorted (by UTF-16 code units, as
 * `Array.prototype.sort` does), no whitespace, numbers and strings written as
 * `JSON.stringify` writes them. This is the ordering and number form of
 * RFC 8785 (JCS), so other languages can reproduce our hashes and digests.
 *
 * Only JSON goes in: plain objects, arrays, strings, finite numbers,
 * booleans and null. Anything else throws a TypeError rather than being
 * silently changed (NaN and Infinity would become null, a Date a string).
 * An object property whose value is `undefined` is left out, as
 * `JSON.stringify` does: under `exactOptionalPropertyTypes` it means absent.
 */
export function canonicalJson(value: unknown): string {
  // Every event is written through here (its data, its metadata, its hash),
  // so the common case takes a path that builds no JSONPath strings and
  // tracks no ancestors; anything it cannot write goes to the careful path,
  // which writes the same text or throws the error that names the culprit.
  const text = writeFast(value, 0);
  return text ?? canonicalJsonCareful(value);
}

/** The careful path alone: exported so a test can prove both paths write the same text. */
export function canonicalJsonCareful(value: unknown): string {
  return write(value, '$', new Set());
}

/*
 * Events repeat the same few property names millions of times: their quoted
 * form is kept. Bounded, since keys can come from users' data.
 */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_MAX = 4_096;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size >= QUOTED_KEYS_MAX) quotedKeys.clear();
    quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** Deeper than any document of ours: past it, the careful path checks for a cycle. */
const FAST_MAX_DEPTH = 64;

/** The same text as `write`, or undefined where `write` would have to look closer (or throw). */
function writeFast(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'object': {
      if (value === null) return 'null';
      if (depth >= FAST_MAX_DEPTH) return undefined;
      if (Array.isArray(value)) {
        let text = '[';
        for (let index = 0; index < value.length; index++) {
          const item = writeFast(value[index], depth + 1);
          if (item === undefined) return undefined;
          text += index === 0 ? item : `,${item}`;
        }
        return `${text}]`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return undefined;
      const record = value as Record<string, unknown>;
      let text = '{';
      let first = true;
      for (const key of Object.keys(record).sort()) {
        const member = record[key];
        if (member === undefined) continue;
        const written = writeFast(member, depth + 1);
        if (written === undefined) return undefined;
        text += `${first ? '' : ','}${quotedKey(key)}:${written}`;
        first = false;
      }
      return `${text}}`;
    }
    default:
      return undefined;
  }
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}, not a finite number`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (ancestors.has(value)) throw new TypeError(`canonicalJson: ${path} is a cycle`);
      ancestors.add(value);
      try {
        if (Array.isArray(value)) {
          return `[${value.map((item, index) => write(item, `${path}[${index}]`, ancestors)).join(',')}]`;
        }
        const prototype: unknown = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null) {
          throw new TypeError(`canonicalJson: ${path} is a ${value.constructor?.name ?? 'non-plain object'}, not a plain object`);
        }
        const record = value as Record<string, unknown>;
        const members: string[] = [];
        for (const key of Object.keys(record).sort()) {
          const member = record[key];
          if (member === undefined) continue;
          members.push(`${JSON.stringify(key)}:${write(member, `${path}.${key}`, ancestors)}`);
        }
        return `{${members.join(',')}}`;
      } finally {
        ancestors.delete(value);
      }
    }
    default:
      throw new TypeError(`canonicalJson: ${path} is ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}, not JSON`);
  }
}
