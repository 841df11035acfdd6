import t from 'tap';
import { ConfigError, loadConfig } from './config.js';

const repoRoot = '/srv/semaforo';

t.test('given no variables, the defaults', async (t) => {
  t.same(loadConfig({}, { repoRoot }), {
    port: 3000,
    host: '127.0.0.1',
    dataDir: '/srv/semaforo/.data',
    logLevel: 'info',
    nodeEnv: 'development',
    rateLimitPerMinute: 6000,
  });
});

t.test('given every variable', async (t) => {
  const config = loadConfig(
    {
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/semaforo',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      RATE_LIMIT_PER_MINUTE: '120',
      READ_WAIT_MS: '0',
    },
    { repoRoot },
  );
  t.same(config, {
    port: 8080,
    host: '0.0.0.0',
    dataDir: '/var/lib/semaforo',
    databaseUrl: 'postgresql://postgres@127.0.0.1:5432/test',
    logLevel: 'debug',
    nodeEnv: 'production',
    rateLimitPerMinute: 120,
    readWaitMs: 0,
  });
});

t.test('a relative DATA_DIR is taken from the repository root, not the working directory', async (t) => {
  t.equal(loadConfig({ DATA_DIR: 'var/store' }, { repoRoot }).dataDir, '/srv/semaforo/var/store');
  t.equal(loadConfig({ DATA_DIR: 'memory://' }, { repoRoot }).dataDir, 'memory://');
});

t.test('an empty variable means unset', async (t) => {
  const config = loadConfig({ DATABASE_URL: '', PORT: '' }, { repoRoot });
  t.equal(config.databaseUrl, undefined);
  t.equal(config.port, 3000);
});

t.test('every bad variable is listed at once, with what is expected and what was given', async (t) => {
  const error = t.throws(() =>
    loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://admin:s3cret@db/x', LOG_LEVEL: 'loud', NODE_ENV: 'staging', HOST: ' ' }, { repoRoot }),
  );
  if (!(error instanceof ConfigError)) throw new Error('expected a ConfigError');
  t.same(error.problems, [
    'PORT must be a whole number (got "eighty")',
    'HOST must not be blank (got " ")',
    'DATABASE_URL must be a postgres:// or postgresql:// URL',
    'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    'NODE_ENV must be one of development, test, production (got "staging")',
  ]);
  t.match(error.message, /^Invalid configuration:\n {2}- PORT must be a whole number/);
  t.notMatch(error.message, /s3cret/, 'a database URL may carry a password: it is never echoed');
});

t.test('a port out of range', async (t) => {
  const error = t.throws(() => loadConfig({ PORT: '70000' }, { repoRoot }));
  t.match(error, { problems: ['PORT must be between 0 and 65535 (got "70000")'] });
});

t.test('EVENTSTORE_URL puts the log on EventStoreDB / KurrentDB; a wrong one is refused without echoing it', async (t) => {
  t.equal(loadConfig({}, { repoRoot }).eventStoreUrl, undefined, 'absent: the log stays in the database');
  t.equal(loadConfig({ EVENTSTORE_URL: '' }, { repoRoot }).eventStoreUrl, undefined, 'empty means unset');
  for (const url of [
    'esdb://127.0.0.1:2113?tls=false',
    'kurrentdb://admin:changeit@node1:2113,node2:2113,node3:2113?tls=true',
    'kurrentdb+discover://admin:changeit@cluster.internal:2113',
    'esdb+discover://cluster.internal:2113/?nodePreference=leader',
  ]) {
    t.equal(loadConfig({ EVENTSTORE_URL: url }, { repoRoot }).eventStoreUrl, url, url);
  }
  for (const url of ['http://admin:s3cret@127.0.0.1:2113', 'kurrentdb://', 'esdb:// host:2113', 'tcp://127.0.0.1:1113']) {
    const error = t.throws(() => loadConfig({ EVENTSTORE_URL: url }, { repoRoot }));
    t.match(error, { problems: ['EVENTSTORE_URL must be an esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover:// URL'] }, url);
    t.notMatch((error as Error).message, /s3cret/);
  }
});

t.test('RUN_PROJECTOR: absent runs the projections in the API; false leaves them to projector services', async (t) => {
  t.equal(loadConfig({}, { repoRoot }).runProjector, undefined, 'absent: the server runs them');
  t.equal(loadConfig({ RUN_PROJECTOR: 'true' }, { repoRoot }).runProjector, true);
  t.equal(loadConfig({ RUN_PROJECTOR: 'false' }, { repoRoot }).runProjector, false);
  t.throws(() => loadConfig({ RUN_PROJECTOR: 'no' }, { repoRoot }), new ConfigError(['RUN_PROJECTOR must be true or false (got "no")']));
});

t.test('PROJECTOR_BATCH_SIZE: events per projector transaction, from 1 to 999999', async (t) => {
  t.equal(loadConfig({}, { repoRoot }).projectorBatchSize, undefined, "absent: the runner's default");
  t.equal(loadConfig({ PROJECTOR_BATCH_SIZE: '250' }, { repoRoot }).projectorBatchSize, 250);
  for (const given of ['0', '1000000', 'many']) {
    t.throws(
      () => loadConfig({ PROJECTOR_BATCH_SIZE: given }, { repoRoot }),
      new ConfigError([`PROJECTOR_BATCH_SIZE must be a whole number from 1 to 999999 (got "${given}")`]),
    );
  }
});

t.test('SESSION_SECRET: at least 32 characters, and never echoed when it is refused', async (t) => {
  t.equal(loadConfig({ SESSION_SECRET: 'k'.repeat(32) }, { repoRoot }).sessionSecret, 'k'.repeat(32));
  const error = t.throws(() => loadConfig({ SESSION_SECRET: 'short-secret' }, { repoRoot }));
  if (!(error instanceof ConfigError)) throw new Error('expected a ConfigError');
  t.equal(error.problems.length, 1);
  t.match(error.problems[0], /^SESSION_SECRET must be at least 32 characters/);
  t.notMatch(error.problems[0], /short-secret/);
});

t.test('DATABASE_REPLICA_URL: one or more hot standbys of DATABASE_URL, never echoed', async (t) => {
  const primary = 'postgres://app@pg-primary:5432/semaforo';
  t.same(loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: 'postgres://app@pg-replica:5432/semaforo' }, { repoRoot }).databaseReplicaUrls, [
    'postgres://app@pg-replica:5432/semaforo',
  ]);
  t.same(
    loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: 'postgres://a@r1/s, postgresql://a@r2/s' }, { repoRoot }).databaseReplicaUrls,
    ['postgres://a@r1/s', 'postgresql://a@r2/s'],
    'comma-separated, spaces around commas ignored',
  );
  t.equal(loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: '' }, { repoRoot }).databaseReplicaUrls, undefined, 'empty: none');
  const bad = t.throws(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: 'postgres://a:s3cret@r1/s,mysql://r2' }, { repoRoot })) as ConfigError;
  t.match(bad.problems, ['DATABASE_REPLICA_URL must be one or more postgres:// or postgresql:// URLs, separated by commas']);
  t.notMatch(bad.message, /s3cret/, 'a password in a replica URL is not echoed');
  const alone = t.throws(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://a@r1/s' }, { repoRoot })) as ConfigError;
  t.match(alone.problems, [/DATABASE_REPLICA_URL needs DATABASE_URL/]);
});

t.test('OTEL_EXPORTER_OTLP_ENDPOINT turns tracing on; OTEL_SERVICE_NAME names the service; a wrong endpoint is refused without echoing it', async (t) => {
  const off = loadConfig({}, { repoRoot });
  t.equal(off.otelEndpoint, undefined, 'absent: tracing off');
  t.equal(off.otelServiceName, undefined);
  const on = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'semaforo-api-eu' }, { repoRoot });
  t.equal(on.otelEndpoint, 'http://collector:4318');
  t.equal(on.otelServiceName, 'semaforo-api-eu');
  t.equal(
    loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.org/ingest' }, { repoRoot }).otelEndpoint,
    'https://otel.example.org/ingest',
    'a path prefix',
  );
  t.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }, { repoRoot }).otelEndpoint, undefined, 'empty: off');
  for (const given of ['collector:4318', 'grpc://collector:4317', 'http://user:s3cret@collector:4318/?x=1']) {
    const error = t.throws(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: given }, { repoRoot })) as ConfigError;
    t.match(error.problems, [/^OTEL_EXPORTER_OTLP_ENDPOINT must be an http:\/\/ or https:\/\/ URL/], given);
    t.notMatch(error.message, /s3cret/, 'never echoed: a URL may carry a password');
  }
  const name = t.throws(() => loadConfig({ OTEL_SERVICE_NAME: 'semáforo api' }, { repoRoot })) as ConfigError;
  t.match(name.problems, ['OTEL_SERVICE_NAME must be 1 to 255 visible ASCII characters (got "semáforo api")']);
});
