import { createInterface } from 'node:readline/promises';
import { institutionIdSchema } from '@semaforo/domain';
import type { EventStore } from '@semaforo/event-store';
import type { Logger } from 'pino';
import { AdminAlreadyExistsError, bootstrapAdmin } from './auth/bootstrap.js';

export interface FirstStartOptions {
  /** SEMAFORO_INSTITUTION. */
  readonly institution?: string;
  /** Ask for the institution on this terminal when the store is empty and none is named. */
  readonly ask?: (question: string) => Promise<string>;
  readonly logger: Logger;
  /** Where the token and the next commands go: a person's terminal, not the logs. */
  readonly print: (text: string) => void;
  /** Where the API listens, for the commands shown. */
  readonly url: string;
}

/**
 * The first admin token of the first institution, issued at start and
 * printed once: the institution is SEMAFORO_INSTITUTION or, on an empty
 * store at a terminal, the answer to a question. An institution that already
 * has a working admin token gets nothing (so a restart never prints a token
 * again). Resolves to the institution whose token was printed, if any.
 */
export async function firstStart(store: EventStore, options: FirstStartOptions): Promise<string | undefined> {
  let institution = options.institution;
  if (institution === undefined) {
    if (options.ask === undefined || (await store.headPosition()) !== null) return undefined;
    for (;;) {
      let answer: string;
      try {
        answer = (await options.ask('This store is empty. Short id of your institution (e.g. upisss), for its first admin token: ')).trim();
      } catch {
        // Ctrl-D: no answer, no token; the API runs on, and `pnpm admin -- bootstrap` issues one later.
        options.print('\nNo institution given: no token issued. Later: pnpm -s admin -- bootstrap --institution <id>\n');
        return undefined;
      }
      const parsed = institutionIdSchema.safeParse(answer);
      if (parsed.success) {
        institution = parsed.data;
        break;
      }
      options.print(`  "${answer}" ${parsed.error.issues[0]?.message ?? 'is not an institution id'}.\n`);
    }
  }
  try {
    const issued = await bootstrapAdmin(store, { institutionId: institution });
    options.logger.info({ institutionId: institution, tokenId: issued.record.tokenId }, 'first admin token issued');
    options.print(
      [
        '',
        `First admin token of ${institution} (token id ${issued.record.tokenId}), shown this once and stored nowhere:`,
        '',
        `    ${issued.token}`,
        '',
        'Keep it in a secret manager. In another terminal:',
        `    export TOKEN=${issued.token}`,
        `    curl -s ${options.url}/v1/access/tokens/${issued.record.tokenId} -H "authorization: Bearer $TOKEN"`,
        'Another institution, while this runs: pnpm -s admin -- bootstrap --institution <id>',
        '',
      ].join('\n') + '\n',
    );
    return institution;
  } catch (error) {
    if (!(error instanceof AdminAlreadyExistsError)) throw error;
    options.logger.debug({ institutionId: institution }, 'the institution already has an admin token: none printed');
    return undefined;
  }
}

/** Questions on the terminal, when there is one: one reader for them all, closed by the caller. */
export function terminalQuestion(): { readonly ask: (question: string) => Promise<string>; readonly close: () => void } | undefined {
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) return undefined;
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  return { ask: (question) => terminal.question(question), close: () => terminal.close() };
}
