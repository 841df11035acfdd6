import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Html } from './html.js';
import { PRE_SESSION_COOKIE, SESSION_COOKIE } from './session.js';

export function sendPage(reply: FastifyReply, page: Html): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(page.value);
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure when the request came over TLS, gone when the session ends. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sealed: string, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, sealed, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
  reply.clearCookie(PRE_SESSION_COOKIE, { path: '/app/sign-in', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
}
