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
  return write(value, '$', new Set());
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
