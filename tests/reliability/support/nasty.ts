import fc, { type Arbitrary } from 'fast-check';

/**
 * Values no request should carry, of every type: what a fuzzer throws at
 * each field, path segment and query parameter.
 */
export const nastyString: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\udbff\udbff',
    '\u202e\u202d',
    'e\u0301\u0301\u0301\u0301\u0301\u0301',
    '\ufeff',
    '\uffff\ufffe',
    '👩🏽‍⚕️',
    // numbers that are not decimals
    '1e309',
    '-1',
    '-0',
    '0x1F',
    '1,5',
    '١٢٣',
    '+1',
    '.5',
    '5.',
    '1.2.3',
    'NaN',
    'Infinity',
    '9'.repeat(400),
    `1.${'9'.repeat(400)}`,
    // periods that do not exist
    '2021-Q5',
    '2021-M13',
    '2021-M00',
    '2021-M1',
    '2021-S3',
    '2021-T4',
    '2021-B7',
    '2020-Q1',
    '9999-M01',
    '0000',
    '2021-q1',
    '2021-Q01',
    '2021 Q1',
    // injection and traversal
    "'; DROP TABLE events; --",
    "' OR '1'='1",
    '<img src=x onerror=alert(1)>',
    '${7*7}',
    '{{constructor.constructor("return process")()}}',
    '__proto__',
    'constructor',
    '../../../../etc/passwd',
    '%00',
    '%2e%2e%2f',
    'null',
    'undefined',
    'true',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('x'.repeat(5_000), 'é'.repeat(3_000)),
);

export const nastyValue: Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 64, -0, 0.1, true, false, null) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], { '': '' }, JSON.parse('{"__proto__":{"polluted":true}}') as unknown) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Header values are Latin-1 on the wire: anything else cannot even be sent. */
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/;

export const nastyHeaderValue: Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('', ' ', '"', '""', '*', 'W/', 'null', '0', '-1', '1'.repeat(300), 'é', '\xff\xfe', "'; DROP TABLE events; --", 'a'.repeat(8_000)),
    fc.string({ maxLength: 40 }),
  )
  .filter((value) => HEADER_SAFE.test(value));

/**
 * Percent-encodes every UTF-16 code unit, lone surrogates included (as the
 * 3-byte sequences WTF-8 gives them: not UTF-8, which is the point), so
 * that any string can be put in a URL. `encodeURIComponent` throws on them.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i += 1;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += `%${(0xe0 | (unit >> 12)).toString(16).toUpperCase()}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (unit & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      out += encodeURIComponent(text[i]!);
    }
  }
  return out;
}

/** Path segments as a careless or hostile client writes them: raw, half-encoded, traversing. */
export const rawPathSegment: Arbitrary<string> = fc.constantFrom(
  '%',
  '%zz',
  '%C0%AF',
  '%E0%80',
  '%FF',
  '..',
  '.',
  '%2F',
  'a%00b',
  '%F0%9F%98',
  '%25',
  ';x=1',
  '%20',
  '~',
);
