import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { plainDecimalText } from './json-number-texts.js';

/**
 * What a request part's schema accepts besides what it says: the spellings a
 * person writes for a value (`"resultado"` for `result`, a JSON number for a
 * decimal string). Called on every leaf of the schema the request has a
 * value for, before validation; returns the value to validate (the same one
 * when it does not apply).
 *
 * `numberText` is the value's JSON text as a plain decimal when the value is
 * a number of the body (`5.50` stays `"5.50"`, `5e1` is `"50"`).
 */
export type InputAlias = (schema: $ZodType, value: unknown, numberText: string | undefined) => unknown;

interface Def {
  readonly type: string;
  readonly [key: string]: unknown;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'readonly', 'nonoptional', 'catch', 'prefault']);

/** A schema that is not zod's (a plain JSON Schema some plugin declares) is left as it is. */
function defOf(schema: $ZodType): Def {
  const internals = (schema as Partial<$ZodType>)._zod;
  return internals === undefined ? { type: 'unknown' } : (internals.def as unknown as Def);
}

function clone(schema: $ZodType, def: Def): $ZodType {
  return (schema as unknown as { clone(def: Def): $ZodType }).clone(def);
}

/**
 * The same schema with every object in it strict: a key the schema does not
 * name is refused (`unrecognized_keys`, reported at the key's own path)
 * instead of dropped, so a mistyped field (`comentario`) never loses what
 * was sent. Objects that say what to do with other keys (`z.looseObject`,
 * a catchall) keep their rule; intersections and lazy schemas are left as
 * they are (making each side strict would refuse the other side's keys).
 * Refinements and checks stay: the schema is cloned, not rebuilt.
 */
export function strictObjects(schema: $ZodType): $ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def['shape'] as Record<string, $ZodType>).map(([key, child]) => [key, strictObjects(child)]));
      return clone(schema, { ...def, shape, catchall: def['catchall'] ?? z.never() });
    }
    case 'array':
      return clone(schema, { ...def, element: strictObjects(def['element'] as $ZodType) });
    case 'union':
      return clone(schema, { ...def, options: (def['options'] as $ZodType[]).map(strictObjects) });
    case 'record':
      return clone(schema, { ...def, valueType: strictObjects(def['valueType'] as $ZodType) });
    case 'pipe':
      return clone(schema, { ...def, in: strictObjects(def['in'] as $ZodType) });
    default:
      return WRAPPERS.has(def.type) ? clone(schema, { ...def, innerType: strictObjects(def['innerType'] as $ZodType) }) : schema;
  }
}

/**
 * Walks `value` along `schema` and gives `alias` each leaf, replacing the
 * leaf by what it returns. Mutates the containers in place: they are the
 * request's own, freshly parsed.
 */
export function applyInputAliases(
  schema: $ZodType,
  value: unknown,
  alias: InputAlias,
  numberTexts: ReadonlyMap<string, string> | undefined,
  pointer = '',
): unknown {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type))
    return value === undefined || value === null ? value : applyInputAliases(def['innerType'] as $ZodType, value, alias, numberTexts, pointer);
  switch (def.type) {
    case 'pipe':
      return applyInputAliases(def['in'] as $ZodType, value, alias, numberTexts, pointer);
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      const record = value as Record<string, unknown>;
      for (const [key, child] of Object.entries(def['shape'] as Record<string, $ZodType>)) {
        if (!Object.hasOwn(record, key)) continue;
        record[key] = applyInputAliases(child, record[key], alias, numberTexts, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
      }
      return record;
    }
    case 'array': {
      if (!Array.isArray(value)) return value;
      for (let i = 0; i < value.length; i++) value[i] = applyInputAliases(def['element'] as $ZodType, value[i], alias, numberTexts, `${pointer}/${i}`);
      return value;
    }
    case 'union': {
      let result = value;
      for (const option of def['options'] as $ZodType[]) result = applyInputAliases(option, result, alias, numberTexts, pointer);
      return result;
    }
    default: {
      const text = typeof value === 'number' ? numberTexts?.get(pointer) : undefined;
      return alias(schema, value, text === undefined ? undefined : plainDecimalText(text));
    }
  }
}

/** The regex checks of a string schema: how a decimal-string field is recognised whatever `.describe()` cloned it. */
export function stringPatterns(schema: $ZodType): RegExp[] {
  const def = defOf(schema);
  if (def.type !== 'string') return [];
  const checks = (def['checks'] as ReadonlyArray<{ _zod: { def: { check?: string; format?: string; pattern?: RegExp } } }> | undefined) ?? [];
  return checks.flatMap((check) => (check._zod.def.format === 'regex' && check._zod.def.pattern !== undefined ? [check._zod.def.pattern] : []));
}

/** The options of an enum schema, or undefined for any other schema. */
export function enumOptions(schema: $ZodType): readonly string[] | undefined {
  const def = defOf(schema);
  if (def.type !== 'enum') return undefined;
  return Object.values(def['entries'] as Record<string, string>);
}
