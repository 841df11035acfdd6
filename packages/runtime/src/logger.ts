import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/**
 * Anything that may carry a credential, wherever it sits in a log line.
 * Authentication is not built yet; these paths are ready for when it is,
 * so a token never reaches the logs by accident.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.idToken',
  '*.apiKey',
  '*.secret',
  '*.databaseUrl',
];

// Not `code`: indicator codes travel as `?code=IE-DNGF-NA-11` and must stay readable.
const SECRET_QUERY_PARAMETER = /^(.*token.*|.*secret.*|.*password.*|api[-_]?key|signature)$/i;

/** A URL for the logs: the value of any secret-looking query parameter is replaced. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const parameters = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return equals !== -1 && SECRET_QUERY_PARAMETER.test(decodeURIComponentSafe(name)) ? `${name}=[Redacted]` : pair;
    });
  return `${url.slice(0, query)}?${parameters.join('&')}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

interface LoggedRequest {
  readonly method: string;
  readonly url: string;
  readonly host?: string;
  readonly ip?: string;
  readonly socket?: { readonly remotePort?: number };
}

/** JSON lines with credentials redacted; `base` replaces pino's `pid` and `hostname` (the projector names its service). */
export function createLogger(options: {
  readonly level: LogLevel;
  readonly destination?: DestinationStream;
  readonly base?: Readonly<Record<string, unknown>>;
}): Logger {
  return pino(
    {
      level: options.level,
      ...(options.base === undefined ? {} : { base: options.base }),
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
      serializers: {
        // Same fields as fastify's own request serializer, with the URL redacted.
        req: (request: LoggedRequest) => ({
          method: request.method,
          url: redactUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
    },
    options.destination,
  );
}
