import t from 'tap';
import { listRegistrations } from '@semaforo/projector';
import { createKysely, type AnyKysely } from '@semaforo/sql';
import { openDeployment } from './deployment.js';
import { createLogger } from './logger.js';
import { allProjections } from './projections.js';

const expected = allProjections.map((p) => `${p.name} v${p.version}`).sort();

t.test('the in-process projector runs every projection of allProjections, and stops on demand', async (t) => {
  const deployment = await openDeployment({ dataDir: 'memory://' });
  const db: AnyKysely = createKysely(deployment.readModels);
  t.teardown(async () => {
    await db.destroy();
    await deployment.close();
  });
  const projector = deployment.startProjections({ logger: createLogger({ level: 'silent' }) });
  const registered = async () =>
    (await listRegistrations(db).catch(() => []))
      .filter((r) => r.state === 'live')
      .map((r) => `${r.name} v${r.version}`)
      .sort();
  while ((await registered()).length < expected.length) await new Promise((resolve) => setTimeout(resolve, 20));
  t.same(await registered(), expected, 'each one registered and live');
  await projector.stop();
  t.pass('stop() resolved: every runner stopped');
});

t.test('closing the deployment stops the projections it started, then closes the store', async (t) => {
  const deployment = await openDeployment({ dataDir: 'memory://' });
  const db: AnyKysely = createKysely(deployment.readModels);
  deployment.startProjections({ logger: createLogger({ level: 'silent' }) });
  while ((await listRegistrations(db).catch(() => [])).filter((r) => r.state === 'live').length < expected.length) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await db.destroy();
  await deployment.close();
  await t.rejects(deployment.store.headPosition(), { name: 'StoreUnavailableError' }, 'the store is closed');
});
