import type { IndicatorCommand } from '@semaforo/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { writeOptionsFor } from '../plans/write-preconditions.js';
import { indicatorVersion, indicatorWriteAnswer } from './indicator-view.js';

/** An indicator write's request: every one names its plan in the URL. */
type IndicatorWriteRequest = FastifyRequest & { readonly params: { readonly planId: string } };

/**
 * The one path of every indicator write: its metadata, `If-Match` as the
 * expected version of the indicator's stream, the command, then the answer
 * (the indicator right after it, and its ETag). The route keeps what it
 * declares: its schema, its command, its status and `Location`.
 */
export async function executeIndicatorWrite(
  app: Pick<FastifyInstance, 'commandMetadata' | 'writeSide'>,
  request: IndicatorWriteRequest,
  command: IndicatorCommand,
) {
  const metadata = app.commandMetadata(request);
  const { planId } = request.params;
  const { code } = command.data;
  const options = await writeOptionsFor(request.headers['if-match'], {
    // Only registration creates the indicator's stream: told by the command, so no route can say otherwise.
    creates: command.type === 'RegisterIndicator',
    currentVersion: () => indicatorVersion(app.writeSide, planId, code),
  });
  const result = await app.writeSide.executeIndicatorCommand(planId, command, metadata, options);
  return indicatorWriteAnswer(app.writeSide, planId, code, result);
}
