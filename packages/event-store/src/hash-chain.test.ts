import fc from 'fast-check';
import t from 'tap';
import { canonicalJson } from '@semaforo/canonical-json';
import type { EventMetadata, JsonObject } from './event-store.js';
import { GENESIS_HASH, computeEventHash, computeEventHashFromCanonical } from './hash-chain.js';

const jsonObject = fc.dictionary(fc.string(), fc.jsonValue()) as fc.Arbitrary<JsonObject>;

t.test('the append path hashes from canonical parts exactly what computeEventHash hashes from objects', async (t) => {
  fc.assert(
    fc.property(
      fc.oneof(fc.constant(GENESIS_HASH), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 })),
      fc.string({ unit: 'binary', minLength: 1 }),
      fc.integer({ min: 1, max: 2_147_483_647 }),
      fc.uuid(),
      fc.string({ unit: 'binary', minLength: 1 }),
      jsonObject,
      jsonObject,
      (previousHash, streamName, streamVersion, eventId, type, data, extra) => {
        const metadata = { ...extra, actor: { id: 'planner' }, source: 'api', recordedAt: '2024-01-01T00:00:00.000Z' } as unknown as EventMetadata;
        return (
          computeEventHashFromCanonical(previousHash, {
            streamName,
            streamVersion,
            eventId,
            type,
            dataJson: canonicalJson(data),
            metadataJson: canonicalJson(metadata),
          }) === computeEventHash(previousHash, { streamName, streamVersion, eventId, type, data, metadata })
        );
      },
    ),
  );
  t.pass('held for every generated event');
});
