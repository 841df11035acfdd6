import type { PlanCommand } from '@semaforo/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { planWriteAnswer } from './plan-view.js';
import { writeOptionsFor } from './write-preconditions.js';

/**
 * The one path of every plan write: its metadata, `If-Match` as the expected
 * version of the plan's stream, the command, then the answer (the plan right
 * after it, and its ETag). The route keeps what it declares: its schema, its
 * command, its status and `Location`.
 */
export async function executePlanWrite(
  app: Pick<FastifyInstance, 'commandMetadata' | 'writeSide'>,
  request: FastifyRequest,
  planId: string,
  command: PlanCommand,
) {
  const metadata = app.commandMetadata(request);
  const options = await writeOptionsFor(request.headers['if-match'], {
    // Only opening creates the plan's stream: told by the command, so no route can say otherwise.
    creates: command.type === 'OpenPlan',
    currentVersion: async () => (await app.writeSide.readPlan(planId)).version,
  });
  const result = await app.writeSide.executePlanCommand(planId, command, metadata, options);
  return planWriteAnswer(app.writeSide, planId, result);
}
