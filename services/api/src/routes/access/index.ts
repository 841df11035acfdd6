import type { FastifyPluginAsync } from 'fastify';
import { getMe } from './get-me.js';
import { getToken } from './get-token.js';
import { issueToken } from './issue-token.js';
import { listTokens } from './list-tokens.js';
import { revokeToken } from './revoke-token.js';

/** Access: the institution's tokens (admin) and the caller's own. */
export const accessRoutes: FastifyPluginAsync = async (app) => {
  await app.register(getMe);
  await app.register(issueToken);
  await app.register(listTokens);
  await app.register(getToken);
  await app.register(revokeToken);
};
