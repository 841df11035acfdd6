/** One place where two JSON values disagree: `path` like `indicators[3].compliance.exact`. */
export interface Difference {
  readonly path: string;
  /** JSON of each side's value there; `(absent)` when that side has no such member. */
  readonly left: string;
  readonly right: string;
}

const ABSENT = '(absent)';

/**
 * Where two JSON-like values differ, depth first, in a stable order (object
 * members sorted, arrays by index), at most `limit` places: enough to tell a
 * person what to look at without printing two whole evaluations.
 */
export function diffValues(left: unknown, right: unknown, limit = 50): Difference[] {
  const differences: Difference[] = [];
  walk(left, right, '', differences, limit);
  return differences;
}

function walk(left: unknown, right: unknown, path: string, out: Difference[], limit: number): void {
  if (out.length >= limit) return;
  if (Array.isArray(left) && Array.isArray(right)) {
    const length = Math.max(left.length, right.length);
    for (let i = 0; i < length && out.length < limit; i += 1) {
      walk(i < left.length ? left[i] : ABSENT_MARK, i < right.length ? right[i] : ABSENT_MARK, `${path}[${i}]`, out, limit);
    }
    return;
  }
  if (isObject(left) && isObject(right)) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    for (const key of keys) {
      if (out.length >= limit) return;
      walk(
        Object.hasOwn(left, key) ? left[key] : ABSENT_MARK,
        Object.hasOwn(right, key) ? right[key] : ABSENT_MARK,
        path === '' ? key : `${path}.${key}`,
        out,
        limit,
      );
    }
    return;
  }
  const a = show(left);
  const b = show(right);
  if (a !== b) out.push({ path: path === '' ? '(root)' : path, left: a, right: b });
}

const ABSENT_MARK = Symbol('absent');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === ABSENT_MARK || value === undefined) return ABSENT;
  return JSON.stringify(value);
}
