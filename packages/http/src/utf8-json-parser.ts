import { errorCodes, type FastifyInstance } from 'fastify';
import { recordNumberTexts } from './json-number-texts.js';

/** Throws on bytes that are not UTF-8 instead of replacing them with U+FFFD. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Replaces fastify's JSON body parser with one that refuses bodies that
 * are not UTF-8 (RFC 8259 §8.1). Fastify's own decodes whatever it gets,
 * replacing bad bytes with U+FFFD, so a Latin-1 "Dirección" was accepted
 * and stored as "Direcci\uFFFDn": not what was sent. Everything else is
 * fastify's parser as it was (empty bodies, `__proto__` and `constructor`
 * keys refused); a refusal is fastify's own invalid-JSON error, so it
 * answers 400 `MALFORMED_JSON` like any other malformed body. It also keeps
 * the text each number was written with (`recordNumberTexts`).
 */
export function useUtf8JsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), undefined);
      return;
    }
    // fastify's default parser is the callback kind: it answers through `done` and its promise-typed return is void.
    void parseJson(request, text, (error: Error | null, value?: unknown) => {
      // Beside the body, the text of each number: a decimal field may take a number written exactly (see `json-number-texts.ts`).
      if (error === null) recordNumberTexts(text, value);
      done(error, value);
    });
  });
}
