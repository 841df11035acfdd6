import { HttpProblem } from '@semaforo/http';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../page-context.js';
import { clearSessionCookie, sendPage, setSessionCookie } from '../send-page.js';
import { PRE_SESSION_COOKIE } from '../session.js';
import { safeNext, signInPage } from './sign-in-form.js';

/** Sign in (the form, then the token it posts), sign out. */
export const signInPages: FastifyPluginAsync = async (app) => {
  app.get('/app/sign-in', { schema: { hide: true } }, async (request, reply) => {
    const context = pageContext(request);
    const query = context.query;
    return sendPage(
      reply,
      signInPage(app, request, reply, { ...(query['signedOut'] === '1' ? { notice: context.labels.signIn.signedOut } : {}), next: query['next'] ?? '/app' }),
    );
  });

  app.post('/app/sign-in', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const pre = request.cookies[PRE_SESSION_COOKIE];
    if (pre === undefined || !app.webSessions.csrfMatches(`pre:${pre}`, body['_csrf'])) {
      throw new HttpProblem(403, 'CSRF_TOKEN_INVALID', 'The sign-in form came without its CSRF token. Reload the page and send it again.');
    }
    const token = typeof body['token'] === 'string' ? body['token'].trim() : '';
    const authentication = await app.access.authenticate(token);
    if (authentication.kind !== 'authenticated') {
      const context = pageContext(request);
      return sendPage(reply.code(401), signInPage(app, request, reply, { error: context.labels.signIn.rejected, next: safeNext(body['next']) }));
    }
    const session = app.webSessions.newSession(token, app.access.now());
    setSessionCookie(request, reply, app.webSessions.seal(session), Math.floor((session.expiresAt - app.access.now().getTime()) / 1000));
    return reply.redirect(safeNext(body['next']), 303);
  });

  app.post('/app/sign-out', { schema: { hide: true } }, async (request, reply) => {
    clearSessionCookie(request, reply);
    return reply.redirect('/app/sign-in?signedOut=1', 303);
  });
};
