import type { FastifyPluginAsync } from 'fastify';
import { getDifference } from './get-difference.js';
import { getEditionDifference } from './get-edition-difference.js';
import { getEdition } from './get-edition.js';
import { listEditions } from './list-editions.js';
import { publishEvaluation } from './publish-evaluation.js';

/**
 * Published editions of a period's evaluation: publish (and restate), list,
 * read one to the byte, and what changed between any two of them, an
 * edition and now, or any two moments.
 */
export const editionRoutes: FastifyPluginAsync = async (app) => {
  await app.register(publishEvaluation);
  await app.register(listEditions);
  await app.register(getEdition);
  await app.register(getEditionDifference);
  await app.register(getDifference);
};
