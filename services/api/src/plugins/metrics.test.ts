import { setTimeout as sleep } from 'node:timers/promises';
import t, { type Test } from 'tap';
import { createLogger, openDeployment, type Config } from '@semaforo/runtime';
import { buildApp } from '../app.js';
import { withAdminToken } from '../testing/auth.js';

const METRICS_TOKEN = 'm'.repeat(40);
const config: Config = { port: 0, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', nodeEnv: 'test', metricsToken: METRICS_TOKEN };
const scrape = { method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } } as const;

async function deploymentWithApp(t: Test, appConfig: Config) {
  const deployment = await openDeployment(appConfig);
  const logger = createLogger({ level: 'silent' });
  const app = await buildApp({ config: appConfig, store: deployment.store, readModels: deployment.readModels, sql: deployment.readModels, logger });
  t.teardown(async () => {
    await app.close();
    await deployment.close();
  });
  return { app, deployment, logger };
}

t.test('given METRICS_TOKEN, a scraper reads requests per route, conflicts, projection lag and import jobs', async (t) => {
  const { app, deployment, logger } = await deploymentWithApp(t, config);

  t.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401, 'no token: 401');
  const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${'x'.repeat(40)}` } });
  t.equal(wrong.statusCode, 401, 'another token: 401');
  t.equal(wrong.json().code, 'METRICS_TOKEN_REQUIRED');
  const admin = await withAdminToken(app, 'upisss');
  t.equal((await app.inject({ method: 'GET', url: '/metrics', headers: admin })).statusCode, 401, 'a product token is not the metrics token');

  await app.inject({ method: 'GET', url: '/health' });
  await app.inject({ method: 'GET', url: '/v1/plans/upisss-2021', headers: admin });
  const projector = deployment.startProjections({ logger });
  t.teardown(() => projector.stop());
  // The projections register themselves as they start: wait for them, not for a time.
  let text = '';
  for (let tries = 0; tries < 200 && !text.includes('semaforo_projection_lag_events{projection="audit-trail"'); tries++) {
    await sleep(50);
    text = (await app.inject(scrape)).body;
  }
  const response = await app.inject(scrape);
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  text = response.body;
  t.match(text, /semaforo_http_requests_total\{method="GET",route="\/health",status="200"\} 1\n/, 'requests by route pattern and status');
  t.match(text, /semaforo_http_requests_total\{method="GET",route="\/v1\/plans\/:planId",status="404"\} 1\n/, 'the pattern, never the URL');
  t.match(text, /semaforo_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/health"\}/, 'latency per route');
  t.match(text, /# TYPE semaforo_append_conflicts_total counter/);
  t.match(text, /semaforo_projection_lag_events\{projection="audit-trail",version="1",state="live"\} \d+\n/, 'lag in events per projection');
  t.match(text, /semaforo_projection_lag_seconds\{projection="evaluation-facts",version="3",state="live"\} [\d.e-]+\n/, 'and in seconds');
  t.match(text, /# TYPE semaforo_import_jobs gauge/);

  app.metrics.writeObserver.onConflict?.(true);
  t.match((await app.inject(scrape)).body, /semaforo_append_conflicts_total\{outcome="retried"\} 1\n/, "the write path's conflicts");
});

t.test('without METRICS_TOKEN there are no metrics', async (t) => {
  const { metricsToken: _off, ...withoutToken } = config;
  const { app } = await deploymentWithApp(t, withoutToken);
  const response = await app.inject(scrape);
  t.equal(response.statusCode, 404);
  t.equal(response.json().code, 'METRICS_DISABLED');
});
