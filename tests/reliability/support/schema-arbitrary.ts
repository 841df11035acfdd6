import fc, { type Arbitrary } from 'fast-check';

/** The parts of JSON Schema the API's OpenAPI document uses for requests. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

/**
 * Free text as people type it, in every script and shape the issue names:
 * accents, right-to-left marks and scripts, combining marks, emoji (with
 * joiners), zero-width characters, a byte-order mark, quotes and injection
 * attempts. All of it VALID text (no NUL, no lone surrogate, not blank):
 * the API must accept it and give it back byte for byte.
 */
export const humanText: Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      'Persona Usuaria / Derechohabientes',
      'Reprogramación aprobada por el Consejo Directivo',
      'e\u0301 (e + combining acute), n\u0303, a\u0308\u0301',
      'مؤشر الأداء \u202eRTL override\u202c',
      'עברית עם ניקוד: שָׁלוֹם',
      'emoji 👩🏽‍⚕️ family 👨‍👩‍👧‍👦 flag 🇸🇻',
      'zero\u200bwidth\u200djoiner\u2060word',
      '\ufeffstarts with a BOM',
      "'; DROP TABLE events; --",
      '" OR 1=1 --',
      '<script>alert("x")</script>',
      '${process.env.DATABASE_URL} {{7*7}} %s %n',
      '../../../etc/passwd',
      'line one\nline two\r\nline three\ttab',
      '\\u0000 written out, not a NUL',
      'ℵ₀ ∑ √ ∞ ≠ ≤ ≥ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛',
      '中文指标名称 日本語 한국어',
      '  leading and trailing spaces  ',
    ),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  )
  .filter(isStorableText);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What the API's text fields accept: not blank, no NUL, no lone surrogate. */
export function isStorableText(text: string): boolean {
  return text.trim().length > 0 && !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** Resolves `$ref`s against the OpenAPI document's components. */
export function resolve(schema: JsonSchema, document: { components?: { schemas?: Record<string, JsonSchema> } }): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name];
  if (target === undefined) throw new Error(`unresolved $ref ${schema.$ref}`);
  return resolve(target, document);
}

function stringOf(schema: JsonSchema): Arbitrary<string> {
  if (schema.pattern !== undefined) {
    const pattern = new RegExp(schema.pattern);
    const matching = fc.stringMatching(pattern);
    return schema.maxLength === undefined ? matching : matching.filter((s) => s.length <= schema.maxLength!);
  }
  if (schema.format === 'date')
    return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time')
    return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  const max = schema.maxLength ?? 200;
  return humanText.filter((s) => s.length >= (schema.minLength ?? 1) && s.length <= max);
}

/** Values the schema accepts (as far as its shape goes: the domain may still say no). */
export function validValue(schema: JsonSchema, document: Parameters<typeof resolve>[1]): Arbitrary<unknown> {
  const s = resolve(schema, document);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum !== undefined) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((alternative) => validValue(alternative, document)));
  if (s.allOf !== undefined && s.allOf.length > 0) return validValue(s.allOf[0]!, document);
  const type = typeof s.type === 'string' ? s.type : s.type?.[0];
  switch (type) {
    case 'string':
      return stringOf(s);
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000, max: s.maximum ?? 1_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1_000, max: s.maximum ?? 1_000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items === undefined ? fc.jsonValue() : validValue(s.items, document), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    case 'object':
    case undefined: {
      const properties = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) record[name] = validValue(property, document);
      return fc.record(record, { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) });
    }
    default:
      return fc.jsonValue();
  }
}
