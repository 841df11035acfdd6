import type { WriteResult } from '@semaforo/commands';
import type { Message, StreamOf } from '@semaforo/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { writeOptionsFor } from './write-preconditions.js';

/** A route's command and where it goes. */
export interface StreamWrite<Command, Event, State, Context> {
  readonly stream: StreamOf<Command, Event, State, Context>;
  readonly command: NoInfer<Command>;
  /**
   * The command creates the stream (`OpenPlan`, `RegisterIndicator`): then no
   * `If-Match` can hold, and a pinned write answers 412, not 404.
   */
  readonly creates: boolean;
}

/**
 * The one path of every write of a route: its metadata, `If-Match` as the
 * expected version of the stream, the command through the write side. The
 * route keeps what it declares: its schema, its command, its answer (the
 * resource right after the write), its status and `Location`.
 */
export async function executeWrite<Command extends Message<string, object>, Event extends Message<string, object>, State, Context>(
  app: Pick<FastifyInstance, 'commandMetadata' | 'writeSide'>,
  request: FastifyRequest,
  { stream, command, creates }: StreamWrite<Command, Event, State, Context>,
): Promise<WriteResult> {
  const metadata = app.commandMetadata(request);
  const options = await writeOptionsFor(request.headers['if-match'], {
    creates,
    currentVersion: async () => (await app.writeSide.read(stream)).version,
  });
  return app.writeSide.execute(stream, command, metadata, options);
}
