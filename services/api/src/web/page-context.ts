import type { DocumentLanguage } from '@semaforo/documents';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { WEB_LABELS, type WebLabels } from './web-labels.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The web session's CSRF token when the request came with a session cookie; null otherwise (a bearer token, nobody). */
    webCsrf: string | null;
  }
}

/** What every page is rendered with: who, in which language, as of when, and how its links keep that. */
export interface PageContext {
  readonly lang: DocumentLanguage;
  readonly labels: WebLabels;
  readonly principal: Principal | null;
  /** The form token of this session ('' without one: a bearer request never needs it). */
  readonly csrf: string;
  /** The `asOf` asked for (normalized), or undefined for the present. */
  readonly asOf: string | undefined;
  /** The request's path, without its query. */
  readonly path: string;
  /** The request's query, as given. */
  readonly query: Readonly<Record<string, string>>;
}

export const LANG_COOKIE = 'smf_lang';

/** A `datetime-local` value ("2021-04-05T10:00", seconds optional) is read as UTC; positions and full ISO instants pass as they are. */
export function normalizeAsOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(trimmed)) return `${trimmed}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(trimmed)) return `${trimmed}Z`;
  return trimmed;
}

export function queryOf(request: FastifyRequest): Record<string, string> {
  const raw = (request.query ?? {}) as Record<string, unknown>;
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') query[key] = value;
  return query;
}

export function pageContext(request: FastifyRequest): PageContext {
  const query = queryOf(request);
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
  const asked = query['lang'] ?? cookies[LANG_COOKIE];
  const lang: DocumentLanguage = asked === 'en' ? 'en' : 'es';
  return {
    lang,
    labels: WEB_LABELS[lang],
    principal: request.principal,
    csrf: request.webCsrf ?? '',
    asOf: normalizeAsOf(query['asOf']),
    path: new URL(request.url, 'http://localhost').pathname,
    query,
  };
}

/**
 * A link that keeps the page's `asOf` (time travel survives every click),
 * with `params` on top; an empty or undefined value drops that parameter.
 */
export function linkTo(context: PageContext, path: string, params: Readonly<Record<string, string | undefined>> = {}): string {
  const search = new URLSearchParams();
  const merged: Record<string, string | undefined> = { asOf: context.asOf, ...params };
  for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** The same page with some query parameters changed (filters, language). */
export function thisPageWith(context: PageContext, params: Readonly<Record<string, string | undefined>>): string {
  return linkTo(context, context.path, { ...context.query, asOf: context.asOf, ...params });
}
