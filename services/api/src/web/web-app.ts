import cookie from '@fastify/cookie';
import { HttpProblem, problemFromError, problemTitle, sendProblem } from '@semaforo/http';
import type { FastifyPluginAsync } from 'fastify';
import { STYLESHEET } from './assets/style.js';
import { auditPages } from './audit/audit-page.js';
import { dataEntryPages, submissionPage } from './data-entry/data-entry-page.js';
import { homePage } from './home/home-page.js';
import { html } from './html.js';
import { indicatorPage } from './indicator/indicator-page.js';
import { pageLayout } from './layout/page-layout.js';
import { PAGE_PROBLEM_RULES } from './page-problems.js';
import { signOffPages } from './sign-off/sign-off-page.js';
import { acceptsHtml } from './accepts-html.js';
import { editionPages } from './editions/editions-page.js';
import { downloadPages } from './downloads/downloads.js';
import { importPages } from './import/import-page.js';
import { overviewPage } from './overview/overview-page.js';
import { LANG_COOKIE, pageContext } from './page-context.js';
import { sendPage } from './send-page.js';
import { SESSION_COOKIE, SessionSealer, type Session } from './session.js';
import { signInPage } from './sign-in/sign-in-form.js';
import { signInPages } from './sign-in/sign-in-page.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The sealed session the request came with, when it authenticated by cookie. */
    webSession: Session | null;
  }
  interface FastifyInstance {
    webSessions: SessionSealer;
  }
}

export interface WebAppOptions {
  /** SESSION_SECRET; absent: a random key per process. */
  readonly sessionSecret?: string | undefined;
}

/**
 * Pages have no script and no inline style: only our stylesheet, our own
 * forms, inline SVG. Stricter than the docs' policy (which needs Swagger UI's
 * script), so it replaces it on every page.
 */
const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const FORM_BODY_LIMIT = 128 * 1024;

/**
 * The web app: server-rendered pages over the same read models and write
 * path as the API routes, authorized by the same table. A browser signs in
 * once with its token; afterwards an HttpOnly session cookie stands for the
 * `Authorization` header (a bearer token is still accepted, so the pages
 * are testable and scriptable as the API is).
 */
export const webApp: FastifyPluginAsync<WebAppOptions> = async (app, options) => {
  await app.register(cookie);
  app.decorate('webSessions', new SessionSealer(options.sessionSecret));
  app.decorateRequest('webSession', null);
  app.decorateRequest('webCsrf', null);
  // Pages take forms, nothing else: an unvalidated JSON body (a number too large for a double, say) never reaches a page.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('content-security-policy', PAGE_CSP);
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'same-origin');
    const lang = (request.query as Record<string, unknown> | undefined)?.['lang'];
    if (lang === 'es' || lang === 'en')
      reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'strict', httpOnly: true, secure: request.protocol === 'https' });
    // A bearer token, when sent, has already decided who this is.
    if (request.authentication?.kind !== 'anonymous') return;
    const session = app.webSessions.open(request.cookies[SESSION_COOKIE], app.access.now());
    if (session === null) return;
    const authentication = await app.access.authenticate(session.token);
    request.authentication = authentication;
    if (authentication.kind !== 'authenticated') return;
    request.principal = authentication.principal;
    request.webSession = session;
    request.webCsrf = app.webSessions.csrfToken(session.sid);
  });

  // A browser sends the session cookie by itself: every form POST made with
  // it must also carry the token only our own pages know.
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || request.webSession === null) return;
    const sent = (request.body as Record<string, unknown> | undefined)?.['_csrf'];
    if (!app.webSessions.csrfMatches(request.webSession.sid, sent)) {
      throw new HttpProblem(
        403,
        'CSRF_TOKEN_INVALID',
        'The form came without its CSRF token, or with one of another session. Reload the page and send it again.',
      );
    }
  });

  const rules = PAGE_PROBLEM_RULES;
  app.setErrorHandler(async (error, request, reply) => {
    const context = pageContext(request);
    const answer = problemFromError(error, rules, { language: context.lang, instance: context.path });
    const { problem, internal, retryAfterSeconds } = answer;
    if (internal) request.log.error({ err: error }, 'page failed: unexpected error');
    else request.log.info({ problem: problem.code, status: problem.status }, 'page refused');
    // A browser asks for HTML; a script, a test client or a fuzzer gets the API's problem+json, as from any route.
    if (!acceptsHtml(request)) return sendProblem(reply, answer);
    if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
    if (problem.status === 401) {
      return sendPage(reply.code(401), signInPage(app, request, reply, { notice: context.labels.signIn.needSignIn, next: request.url }));
    }
    const body = html`<div class="notice error" role="alert">
        <p><strong>${problemTitle(problem.code, problem.status, context.lang)}</strong></p>
        <p>${context.labels.fieldErrors[problem.code] ?? problem.detail}</p>
        <p class="muted">${context.labels.error.code}: <code>${problem.code}</code> · HTTP ${problem.status}</p>
      </div>
      <p><a href="/app">${context.labels.error.back}</a></p>`;
    return sendPage(reply.code(problem.status), pageLayout(context, { title: context.labels.error.title, body, timeTravel: false }));
  });

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app', 302));
  app.get('/app/assets/style.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );
  await app.register(signInPages);
  await app.register(homePage);
  await app.register(overviewPage);
  await app.register(indicatorPage);
  await app.register(dataEntryPages);
  await app.register(submissionPage);
  await app.register(auditPages);
  await app.register(signOffPages);
  await app.register(editionPages);
  await app.register(downloadPages);
  await app.register(importPages);
};
