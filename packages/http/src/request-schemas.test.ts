import t from 'tap';
import { z } from 'zod';
import { applyInputAliases, enumOptions, strictObjects, stringPatterns } from './request-schemas.js';

t.test('strict objects everywhere in a body schema, refinements kept', async (t) => {
  const schema = z
    .object({ a: z.string().optional(), list: z.array(z.object({ b: z.number() })).min(1), loose: z.looseObject({ c: z.string() }) })
    .refine((body) => body.a !== 'no', { path: ['a'], message: 'not no' });
  const strict = strictObjects(schema);
  const result = z.safeParse(strict, { a: 'yes', list: [{ b: 1, x: 2 }], loose: { c: 'ok', extra: 1 }, y: 3 });
  t.same(
    result.error?.issues.map((issue) => [issue.code, issue.path.join('.'), 'keys' in issue ? issue.keys : undefined]),
    [
      ['unrecognized_keys', 'list.0', ['x']],
      ['unrecognized_keys', '', ['y']],
    ],
    'unknown keys refused; a loose object keeps its rule',
  );
  t.match(z.safeParse(strict, { a: 'no', list: [{ b: 1 }], loose: { c: 'ok' } }).error?.issues, [{ message: 'not no' }], 'the refinement still runs');
  t.equal(z.safeParse(schema, { list: [{ b: 1, x: 2 }], loose: { c: 'ok' } }).success, true, 'the route’s own schema is untouched');
});

t.test('aliases reach every leaf the value has, through wrappers, arrays and unions', async (t) => {
  const decimal = z.string().regex(/^\d+$/);
  const schema = z.object({
    kind: z.enum(['result', 'production']).optional(),
    rows: z.array(z.object({ value: decimal.describe('v') })),
    either: z.union([decimal, z.number()]),
  });
  const seen: string[] = [];
  const body = { kind: 'resultado', rows: [{ value: 5 }], either: 7 };
  applyInputAliases(
    schema,
    body,
    (leaf, value, text) => {
      seen.push(`${String(value)}:${text ?? '-'}:${stringPatterns(leaf).length}:${enumOptions(leaf)?.join('|') ?? '-'}`);
      return enumOptions(leaf) !== undefined && value === 'resultado' ? 'result' : value;
    },
    new Map([
      ['/rows/0/value', '5.0'],
      ['/either', '7'],
    ]),
  );
  t.same(seen, ['resultado:-:0:result|production', '5:5.0:1:-', '7:7:1:-', '7:7:0:-']);
  t.equal(body.kind, 'result', 'replaced in place');
});
