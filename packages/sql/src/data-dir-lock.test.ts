import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { DATA_DIR_LOCK_FILE } from './data-dir-lock.js';
import { createPgliteClient } from './pglite-client.js';
import { SqlUnavailableError } from './sql-errors.js';

const freshDir = async (t: { teardown(fn: () => unknown): void }) => {
  const parent = await mkdtemp(join(tmpdir(), 'semaforo-lock-'));
  t.teardown(() => rm(parent, { recursive: true, force: true }));
  return join(parent, 'data');
};

t.test('a data directory serves one client at a time, and is free again once it closes', async (t) => {
  const dataDir = await freshDir(t);
  const first = await createPgliteClient({ dataDir });
  t.equal(await readFile(join(dataDir, DATA_DIR_LOCK_FILE), 'utf8'), `${process.pid}\n`, 'the directory names its process');

  const error = await createPgliteClient({ dataDir }).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  t.ok(error instanceof SqlUnavailableError, 'a second client is refused');
  t.match(error, { code: 'DATA_DIR_IN_USE', message: new RegExp(`in use by process ${process.pid}.*DATABASE_URL`) });

  await first.query('CREATE TABLE kept (x int)');
  await first.close();
  const second = await createPgliteClient({ dataDir });
  t.teardown(() => second.close());
  t.same((await second.query('SELECT count(*)::int AS n FROM kept')).rows, [{ n: 0 }], 'the next client opens the same database');
});

t.test('a lock left by a process that is gone is taken over', async (t) => {
  const dataDir = await freshDir(t);
  const first = await createPgliteClient({ dataDir });
  await first.close();
  // A process that exited: its pid names nobody any more.
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  await writeFile(join(dataDir, DATA_DIR_LOCK_FILE), `${child.pid}\n`);
  const client = await createPgliteClient({ dataDir });
  t.teardown(() => client.close());
  t.equal(await readFile(join(dataDir, DATA_DIR_LOCK_FILE), 'utf8'), `${process.pid}\n`);
});

t.test('memory:// has no directory to lock: any number of clients', async (t) => {
  const a = await createPgliteClient({ dataDir: 'memory://' });
  const b = await createPgliteClient({ dataDir: 'memory://' });
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  t.same((await b.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
});
