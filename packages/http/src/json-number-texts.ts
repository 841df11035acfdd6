/**
 * The text each JSON number of a request body was written with, by JSON
 * Pointer, kept beside the parsed body (keyed by its root object). Node 20's
 * `JSON.parse` reviver cannot see a number's source, and a double cannot
 * say whether `5.5` was `5.5` or `5.50`, nor hold `12345678901234567890.1`:
 * the text can, so a decimal field may take a number when its text is an
 * exact decimal.
 */
const TEXTS = new WeakMap<object, ReadonlyMap<string, string>>();

export function numberTextsOf(root: unknown): ReadonlyMap<string, string> | undefined {
  return typeof root === 'object' && root !== null ? TEXTS.get(root) : undefined;
}

/**
 * Records the number texts of `text`, a JSON document already parsed into
 * `root` (so it is known to be well formed: this walks tokens, it does not
 * validate). Duplicate keys keep the last, as `JSON.parse` does.
 */
export function recordNumberTexts(text: string, root: unknown): void {
  if (typeof root !== 'object' || root === null || !/[0-9]/.test(text)) return;
  const texts = new Map<string, string>();
  // One frame per open container: its pointer, and the key (object) or next index (array) being read.
  const stack: Array<{ pointer: string; array: boolean; index: number; key: string | undefined }> = [];
  let i = 0;
  const here = (): string | undefined => {
    const top = stack[stack.length - 1];
    if (top === undefined) return undefined;
    return `${top.pointer}/${top.array ? String(top.index) : escapePointer(top.key ?? '')}`;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '{' || c === '[') {
      const pointer = stack.length === 0 ? '' : (here() ?? '');
      stack.push({ pointer, array: c === '[', index: 0, key: undefined });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.array === true) top.index++;
      else if (top !== undefined) top.key = undefined;
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top !== undefined && !top.array && top.key === undefined) top.key = JSON.parse(text.slice(i, end)) as string;
      i = end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let end = i + 1;
      while (end < text.length && /[0-9eE+.-]/.test(text[end]!)) end++;
      const pointer = here();
      if (pointer !== undefined) texts.set(pointer, text.slice(i, end));
      i = end;
    } else {
      i++;
    }
  }
  if (texts.size > 0) TEXTS.set(root, texts);
}

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return i;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

const JSON_NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * The number's text as a plain decimal (`5e1` → `50`, `1.5E-3` → `0.0015`),
 * digit for digit: nothing is rounded. Undefined for an exponent so large
 * the text would be absurd.
 */
export function plainDecimalText(numberText: string): string | undefined {
  const match = JSON_NUMBER.exec(numberText);
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction, exponentText] = match;
  if (exponentText === undefined) return numberText;
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > 64) return undefined;
  const digits = whole + (fraction ?? '');
  const point = whole.length + exponent;
  let integerPart: string;
  let fractionPart: string;
  if (point <= 0) {
    integerPart = '0';
    fractionPart = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    integerPart = digits + '0'.repeat(point - digits.length);
    fractionPart = '';
  } else {
    integerPart = digits.slice(0, point);
    fractionPart = digits.slice(point);
  }
  integerPart = integerPart.replace(/^0+(?=\d)/, '');
  fractionPart = fractionPart.replace(/0+$/, '');
  return `${sign}${integerPart}${fractionPart === '' ? '' : `.${fractionPart}`}`;
}
