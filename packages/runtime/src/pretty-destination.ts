import type { DestinationStream } from 'pino';

const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/**
 * pino's lines for a person at a terminal: `10:21:03 INFO  message key=value`,
 * the error's stack below. Our own few lines rather than pino-pretty, whose
 * current versions need Node 22; used only when stdout is a TTY, so files,
 * pipes and log collectors keep pino's JSON.
 */
export function createPrettyDestination(write: (text: string) => void = (text) => void process.stdout.write(text)): DestinationStream {
  return {
    write(line: string) {
      write(formatLine(line));
    },
  };
}

export function formatLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof record['time'] === 'number' ? new Date(record['time']).toISOString().slice(11, 19) : '';
  const level = (LEVEL_NAMES[Number(record['level'])] ?? String(record['level'])).padEnd(5);
  const fields: string[] = [];
  let stack = '';
  for (const [key, value] of Object.entries(record)) {
    if (OMITTED.has(key) || value === undefined) continue;
    if (key === 'err' && typeof value === 'object' && value !== null) {
      const err = value as { message?: unknown; stack?: unknown };
      fields.push(`err=${JSON.stringify(err.message)}`);
      if (typeof err.stack === 'string') stack = `\n    ${err.stack.split('\n').join('\n    ')}`;
      continue;
    }
    fields.push(`${key}=${typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)}`);
  }
  return `${time} ${level} ${typeof record['msg'] === 'string' ? record['msg'] : ''}${fields.length === 0 ? '' : `  ${fields.join(' ')}`}${stack}\n`;
}
