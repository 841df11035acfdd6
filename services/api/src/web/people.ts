import type { FastifyInstance } from 'fastify';

/**
 * Token id → the label its admin gave it ("Ana Pérez, Contabilidad"):
 * people are shown by who they are, not by a token id. Ids that are not
 * tokens of the institution (the CLI's operator, an importer) are shown as
 * they are.
 */
export async function peopleOf(app: Pick<FastifyInstance, 'access'>, institutionId: string): Promise<(actorId: string) => string> {
  const { state } = await app.access.read(institutionId);
  const labels = new Map(Object.values(state.tokens).map((token) => [token.tokenId, token.label]));
  return (actorId) => labels.get(actorId) ?? actorId;
}

export async function peopleList(app: Pick<FastifyInstance, 'access'>, institutionId: string): Promise<Array<{ id: string; label: string }>> {
  const { state } = await app.access.read(institutionId);
  return Object.values(state.tokens)
    .map((token) => ({ id: token.tokenId, label: token.label }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
