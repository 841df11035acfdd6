import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../app.js';

/** What a browser's navigation sends: pages answer errors as HTML to it, as problem+json to anyone else. */
export const HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';

/** Cookies a response set, as a `cookie` header value (the value of each, no attributes). */
export function cookiesOf(response: LightMyRequestResponse, jar: Record<string, string> = {}): Record<string, string> {
  const next = { ...jar };
  for (const cookie of response.cookies) {
    if (cookie.value === '' || (cookie.maxAge !== undefined && cookie.maxAge <= 0)) delete next[cookie.name];
    else next[cookie.name] = cookie.value;
  }
  return next;
}

export const cookieHeader = (jar: Record<string, string>): string =>
  Object.entries(jar)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]*)"/.exec(html);
  if (match?.[1] === undefined) throw new Error('the page has no CSRF field');
  return match[1];
}

/** A browser-like session: signs in through the form, then sends its cookies with every request. */
export async function signIn(app: App, token: string) {
  const form = await app.inject({ method: 'GET', url: '/app/sign-in', headers: { accept: HTML } });
  let jar = cookiesOf(form);
  const response = await app.inject({
    method: 'POST',
    url: '/app/sign-in',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', accept: HTML },
    payload: new URLSearchParams({ _csrf: csrfOf(form.body), token, next: '/app' }).toString(),
  });
  if (response.statusCode !== 303) throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
  jar = cookiesOf(response, jar);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(jar), accept: HTML } });
  const post = (url: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', accept: HTML },
      payload: new URLSearchParams(fields).toString(),
    });
  return { jar, signInResponse: response, get, post };
}
