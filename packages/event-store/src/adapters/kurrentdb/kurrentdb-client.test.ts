import t from 'tap';
import { classifyClientError, createKurrentDbLogClient, isStreamNotFound, normalizeConnectionString } from './kurrentdb-client.js';
import { LogClientError } from './log-client.js';

// Nothing listens on port 1: every call fails with a refused connection, at once.
const UNREACHABLE = 'kurrentdb://127.0.0.1:1?tls=false&maxDiscoverAttempts=1';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

t.test("the client's errors sort by their documented `type`, their native `name` or their gRPC code", async (t) => {
  // Shapes of the client's CommandError subclasses (type from its ErrorType enum) and of raw transport errors.
  const cases: [unknown, string][] = [
    [{ type: 'wrong-expected-version', streamName: 's', expectedState: 1n, actualState: 2n }, 'wrong-expected-version'],
    [{ type: 'unavailable' }, 'unavailable'],
    [{ type: 'deadline-exceeded' }, 'unavailable'],
    [{ type: 'timeout' }, 'unavailable'],
    [{ type: 'not-leader', leader: { address: 'n2', port: 2113 } }, 'unavailable'],
    [{ type: 'cancelled' }, 'unavailable'],
    [{ type: 'access-denied' }, 'access-denied'],
    [{ type: 'stream-deleted' }, 'stream-deleted'],
    [{ type: 'stream-tombstoned' }, 'stream-deleted'],
    [{ code: 14, details: 'No connection established' }, 'unavailable'],
    [{ code: 4 }, 'unavailable'],
    [{ code: 16 }, 'access-denied'],
    [Object.assign(new Error('x'), { name: 'UnavailableError' }), 'unavailable'],
    [Object.assign(new Error('x'), { name: 'DeadlineExceededError' }), 'unavailable'],
    [{ type: 'maximum-append-size-exceeded' }, 'other'],
    [new Error('boom'), 'other'],
    ['a string', 'other'],
    [null, 'other'],
  ];
  for (const [error, kind] of cases)
    t.equal(classifyClientError(error), kind, JSON.stringify(error, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(error));
  t.ok(isStreamNotFound({ type: 'stream-not-found', streamName: 's' }));
  t.ok(isStreamNotFound(Object.assign(new Error('x'), { name: 'StreamNotFoundError' })));
  t.notOk(isStreamNotFound({ type: 'unavailable' }));
});

t.test('esdb:// connection strings are handed to the client as kurrentdb://', async (t) => {
  t.equal(normalizeConnectionString('esdb://admin:changeit@localhost:2113?tls=false'), 'kurrentdb://admin:changeit@localhost:2113?tls=false');
  t.equal(normalizeConnectionString(' esdb+discover://cluster.local:2113 '), 'kurrentdb+discover://cluster.local:2113');
  t.equal(normalizeConnectionString('kurrentdb://localhost:2113'), 'kurrentdb://localhost:2113');
  t.equal(normalizeConnectionString('ESDB://h:1'), 'kurrentdb://h:1');
});

t.test('a malformed connection string fails at once with a LogClientError', async (t) => {
  t.throws(() => createKurrentDbLogClient('postgres://localhost:5432/x'), LogClientError);
});

t.test('given no server, every call of the real client fails as "unavailable"', async (t) => {
  const client = createKurrentDbLogClient(UNREACHABLE);
  t.teardown(() => client.dispose());
  const event = { eventId: '2b8e7a3c-1d4f-4e2a-9c3b-5a6d7e8f9a0b', type: 'A', data: {}, metadata: {} };
  const calls: [string, () => Promise<unknown>][] = [
    ['append', () => client.append('s', [event], 'no-stream')],
    ['append at a revision', () => client.append('s', [event], 4n)],
    ['readStream', () => client.readStream('s', { from: 'start', maxCount: 1, direction: 'forwards' })],
    ['readAll', () => client.readAll({ from: 'end', maxCount: 1, direction: 'backwards' })],
  ];
  for (const [what, call] of calls) {
    const error = await rejection(call());
    t.ok(error instanceof LogClientError, `${what}: a LogClientError`);
    t.match(error, { kind: 'unavailable' }, what);
  }

  const failed = await new Promise<LogClientError>((resolve) => {
    const subscription = client.subscribeToAll({
      after: 'start',
      onRecord: () => undefined,
      onError: (error) => {
        void subscription.close().then(() => resolve(error));
      },
      onEnd: () => undefined,
    });
  });
  t.match(failed, { kind: 'unavailable' }, 'subscribeToAll');
});
