/**
 * What the projector needs of a logger: pino's shape (object first, then the
 * message), so a pino logger or child fits as is.
 */
export interface ProjectorLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const ignore = (): void => undefined;

export const silentLogger: ProjectorLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
