import { inspect } from 'node:util';
import fc from 'fast-check';
import t from 'tap';
import { canonicalJson, canonicalJsonCareful } from './canonical-json.js';

t.test('keys are sorted at every depth and no whitespace is written', async (t) => {
  t.equal(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } }), '{"a":{"c":"x","d":[true,null]},"b":1}');
  t.equal(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 }), '{"10":4,"9":5,"Z":3,"z":2,"é":1}', 'by UTF-16 code units');
});

t.test('numbers and strings are written as JSON.stringify writes them', async (t) => {
  t.equal(canonicalJson([0.1, -0, 1e21, 1.5e-7, 100]), '[0.1,0,1e+21,1.5e-7,100]');
  t.equal(canonicalJson('ñ "q" \\ \n 🚦'), JSON.stringify('ñ "q" \\ \n 🚦'));
});

t.test('absent optional properties are left out', async (t) => {
  t.equal(canonicalJson({ a: 1, reason: undefined }), '{"a":1}');
});

t.test('anything that is not JSON is refused', async (t) => {
  for (const value of [Number.NaN, Number.POSITIVE_INFINITY, -Infinity, undefined, 1n, () => 1, Symbol('s'), new Date(0), new Map(), { nested: [undefined] }]) {
    t.throws(() => canonicalJson([value]), TypeError, typeof value === 'symbol' ? 'symbol' : inspect(value));
  }
  const cycle: Record<string, unknown> = {};
  cycle['self'] = cycle;
  t.throws(() => canonicalJson(cycle), { message: /cycle/ });
  const shared = { x: 1 };
  t.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}', 'a value seen twice is not a cycle');
});

t.test('the text is the same whatever the key order, and survives a parse', async (t) => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      const reordered = JSON.parse(
        JSON.stringify(value, (_key, v: unknown) =>
          v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        ),
      );
      return canonicalJson(JSON.parse(text)) === text && canonicalJson(reordered) === text;
    }),
  );
  t.pass('property holds');
});

t.test('the fast path and the careful path write the same text', async (t) => {
  fc.assert(fc.property(fc.jsonValue(), (value) => canonicalJson(value) === canonicalJsonCareful(value)));
  t.pass('property holds');
  let deep: unknown = { leaf: [1, 'ñ'] };
  for (let depth = 0; depth < 200; depth++) deep = depth % 2 === 0 ? { b: deep, a: depth } : [deep];
  t.equal(canonicalJson(deep), canonicalJsonCareful(deep), 'a document deeper than the fast path goes (it hands over)');
  t.match(canonicalJson(deep), /^\[\{"a":198,"b":\[\{"a":196,"b":\[/, 'and is still written canonically');
});
