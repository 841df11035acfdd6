import t from 'tap';
import { ConfigError, loadConfig } from './config.js';
import { PGLITE_REFUSAL, POSTGRES_REQUIRED } from './service-requirements.js';

const repoRoot = '/srv/semaforo';
const loadProjectorConfig = (env: Record<string, string>) => loadConfig(env, { repoRoot, requirements: [POSTGRES_REQUIRED] });

t.test('PostgreSQL is required: the embedded store runs its projections inside the API', async (t) => {
  for (const env of [{}, { DATABASE_URL: '' }, { DATABASE_URL: 'file:./.data' }, { DATABASE_URL: 'memory://' }]) {
    t.throws(() => loadProjectorConfig(env), new ConfigError([PGLITE_REFUSAL]), JSON.stringify(env));
  }
  t.match(PGLITE_REFUSAL, 'RUN_PROJECTOR=true', 'the message says where projections run instead');
});

t.test('a good configuration', async (t) => {
  const defaults = { port: 3000, host: '127.0.0.1', dataDir: '/srv/semaforo/.data', nodeEnv: 'development', rateLimitPerMinute: 6000 };
  t.same(loadProjectorConfig({ DATABASE_URL: 'postgres://u:p@db/semaforo' }), { ...defaults, databaseUrl: 'postgres://u:p@db/semaforo', logLevel: 'info' });
  t.same(
    loadProjectorConfig({
      DATABASE_URL: 'postgresql://db/semaforo',
      EVENTSTORE_URL: 'kurrentdb://log:2113?tls=false',
      LOG_LEVEL: 'debug',
      PROJECTOR_BATCH_SIZE: '5000',
    }),
    { ...defaults, databaseUrl: 'postgresql://db/semaforo', eventStoreUrl: 'kurrentdb://log:2113?tls=false', logLevel: 'debug', projectorBatchSize: 5_000 },
  );
});

t.test('every problem at once, and never a URL (it may hold a password)', async (t) => {
  const error = (() => {
    try {
      loadProjectorConfig({ DATABASE_URL: 'mysql://u:secret@db', EVENTSTORE_URL: 'http://u:secret@log', LOG_LEVEL: 'chatty', PROJECTOR_BATCH_SIZE: '0' });
    } catch (caught) {
      return caught;
    }
    return undefined;
  })();
  t.ok(error instanceof ConfigError);
  t.equal((error as ConfigError).problems.length, 4);
  t.notMatch((error as ConfigError).message, 'secret');
});

t.test('a missing DATABASE_URL is listed beside the other bad variables', async (t) => {
  t.throws(
    () => loadProjectorConfig({ LOG_LEVEL: 'chatty' }),
    new ConfigError(['LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "chatty")', PGLITE_REFUSAL]),
  );
});
