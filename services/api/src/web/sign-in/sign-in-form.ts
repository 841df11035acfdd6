import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html, type Html } from '../html.js';
import { pageLayout } from '../layout/page-layout.js';
import { pageContext } from '../page-context.js';
import { PRE_SESSION_COOKIE } from '../session.js';

/** Only our own pages as a place to land after signing in: never another site. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/app(\/|\?|$)/.test(next) && !next.includes('//') && !next.includes('\\') ? next : '/app';
}

/**
 * The sign-in form. Before a session exists, its CSRF token is tied to a
 * random pre-session cookie, so another site cannot sign a browser in with
 * a token of its own choosing (login CSRF).
 */
export function signInPage(
  app: Pick<FastifyInstance, 'webSessions'>,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { readonly notice?: string; readonly error?: string; readonly next?: string },
): Html {
  const context = { ...pageContext(request), principal: null };
  const l = context.labels.signIn;
  const pre = randomBytes(16).toString('base64url');
  reply.setCookie(PRE_SESSION_COOKIE, pre, { path: '/app/sign-in', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', maxAge: 3600 });
  const csrf = app.webSessions.csrfToken(`pre:${pre}`);
  const body = html`<div class="signin">
    ${options.notice === undefined ? '' : html`<p class="notice" role="status">${options.notice}</p>`}
    ${options.error === undefined ? '' : html`<p class="notice error" role="alert" id="token-error">${options.error}</p>`}
    <p>${l.intro}</p>
    <form method="post" action="/app/sign-in" data-testid="sign-in-form">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <input type="hidden" name="next" value="${safeNext(options.next)}" />
      <label for="token">${l.token}</label>
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="off"
        required
        spellcheck="false"
        ${options.error === undefined ? '' : html`aria-describedby="token-error" aria-invalid="true"`}
      />
      <p><button class="primary" type="submit">${l.submit}</button></p>
    </form>
    <h2>${l.howTitle}</h2>
    <p>${l.how}</p>
  </div>`;
  return pageLayout(context, { title: l.title, body, timeTravel: false });
}
