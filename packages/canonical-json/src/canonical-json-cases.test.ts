import t from 'tap';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

t.test('given objects with keys in any order, when written, then keys are sorted at every depth', async (t) => {
  t.equal(canonicalJson({ b: 1, a: { d: [3, 1], c: null } }), '{"a":{"c":null,"d":[3,1]},"b":1}');
  t.equal(canonicalJson({ a: { c: null, d: [3, 1] }, b: 1 }), canonicalJson({ b: 1, a: { d: [3, 1], c: null } }));
});

t.test('given keys of mixed case and accents, then they sort by UTF-16 code unit, not by locale', async (t) => {
  t.equal(canonicalJson({ é: 1, a: 2, B: 3, Z: 4 }), '{"B":3,"Z":4,"a":2,"é":1}');
});

t.test('given strings that need escaping, then they are written as JSON.stringify writes them', async (t) => {
  const text = 'Línea 1\n"citada"\t\\ \u0001 😀';
  t.equal(canonicalJson({ text }), `{"text":${JSON.stringify(text)}}`);
  t.strictSame(JSON.parse(canonicalJson({ text })), { text });
});

t.test('given numbers, booleans and null, then they are written plainly with no whitespace', async (t) => {
  t.equal(canonicalJson([1, 2.5, -0, true, false, null, { x: 0 }]), '[1,2.5,0,true,false,null,{"x":0}]');
  t.equal(canonicalJson({}), '{}');
  t.equal(canonicalJson([]), '[]');
});

t.test('given the same object twice (not a cycle), then it is written twice', async (t) => {
  const shared = { a: 1 };
  t.equal(canonicalJson({ x: shared, y: [shared, shared] }), '{"x":{"a":1},"y":[{"a":1},{"a":1}]}');
});

t.test('given an object without a prototype, then it is a plain object', async (t) => {
  const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });
  t.equal(canonicalJson(bare), '{"a":1,"b":2}');
});

t.test('given any JSON value, when written, parsed and written again, then the text is the same', async (t) => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const once = canonicalJson(value);
      const outsideStrings = once.replace(/"(?:[^"\\]|\\.)*"/g, '""');
      return canonicalJson(JSON.parse(once)) === once && !/\s/.test(outsideStrings);
    }),
  );
  t.pass('held for every generated value');
});
