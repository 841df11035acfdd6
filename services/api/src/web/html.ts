/**
 * HTML built by a tagged template: every interpolated value is escaped
 * unless it is already `Html` (the result of another `html` template, or of
 * `trusted` for markup we wrote ourselves). No template engine: the pages
 * are typed functions, so a missing field is a compile error, and the one
 * way to put text on a page escapes it.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolated = Html | string | number | boolean | null | undefined | readonly Interpolated[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text as HTML: safe both between tags and inside a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return (value as readonly Interpolated[]).map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly Interpolated[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Markup this code wrote (never user text): passed through as it is. */
export const trusted = (markup: string): Html => new Html(markup);

/** Nothing. */
export const EMPTY = new Html('');
