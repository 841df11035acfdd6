import t from 'tap';
import { compareLogPositions, LOG_START, openEventStore, type LogPosition } from '@semaforo/event-store';
import { readProjectionStatus } from '@semaforo/projector';
import { appendToyEvents, toyProjection } from '@semaforo/projector/testing';
import { createTestDatabase, postgresRequired } from '@semaforo/sql/testing';
import { runCli } from './cli.js';

const toy = toyProjection();

function recorder() {
  let text = '';
  return { output: { isTTY: false, write: (chunk: string) => (text += chunk) }, text: () => text };
}

if (!(await postgresRequired())) {
  t.plan(0, 'PostgreSQL unreachable');
} else {
  const database = await createTestDatabase();
  const { store, sql } = await openEventStore({ databaseUrl: database.connectionString, dataDir: 'unused' });
  t.teardown(async () => {
    await store.close();
    await database.drop();
  });
  const env = { DATABASE_URL: database.connectionString, LOG_LEVEL: 'info' };

  const cli = async (argv: string[], signal = new AbortController().signal) => {
    const stdout = recorder();
    const stderr = recorder();
    const code = await runCli({ argv, env, projections: [toy], stdout: stdout.output, stderr: stderr.output, signal });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };
  // The last position appended, not the head: on a shared cluster the head can lag behind our own commits.
  let last: LogPosition = LOG_START;
  const append = async (options: Parameters<typeof appendToyEvents>[1]) => {
    last = (await appendToyEvents(store, options)).last;
    while (compareLogPositions((await store.headPosition()) ?? LOG_START, last) < 0) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const caughtUp = async () => {
    const { projections } = await readProjectionStatus({ store, sql });
    return projections.some((p) => p.state === 'live' && compareLogPositions(p.checkpoint, last) >= 0);
  };

  await append({ streams: 10, perStream: 100, perAppend: 25, prefix: 'cli' });

  t.test('status before anything ran lists the projections of the code as not registered', async (t) => {
    const { code, stdout } = await cli(['status']);
    t.equal(code, 0);
    t.match(stdout, /^Head of the log: \d+:\d+\n/);
    t.match(stdout, /toy-counter\s+1\s+not registered yet/);
  });

  t.test('rebuild shows its progress on stderr, then makes the projection live', async (t) => {
    const { code, stdout, stderr } = await cli(['rebuild', 'toy-counter', '--batch-size', '50']);
    t.equal(code, 0, stderr);
    t.match(stdout, /^Rebuilt toy-counter v1 in schema toy_counter_v1: 1000 events read, 1000 applied, in [\d.]+ s \(\d+ events\/s\); live at \d+:\d+\.\n$/);
    t.match(stderr, /toy-counter v1 \[#+\] 100% 1,000\/1,000 events/, 'the last progress line is complete');
    t.ok(await caughtUp(), 'live at the head');
    const status = await cli(['status']);
    t.match(status.stdout, /toy-counter\s+1\s+live\s+\d+:\d+\s+0\s+1000\s/, 'status: live, lag 0, 1000 applied');
  });

  t.test('start follows the log until its signal; a rebuild meanwhile is refused', async (t) => {
    const stop = new AbortController();
    const stdout = recorder();
    const running = runCli({ argv: ['start'], env, projections: [toy], stdout: stdout.output, stderr: recorder().output, signal: stop.signal });
    await append({ streams: 2, perStream: 10, prefix: 'more' });
    while (!(await caughtUp())) await new Promise((resolve) => setTimeout(resolve, 20));

    const busy = await cli(['rebuild', 'toy-counter']);
    t.equal(busy.code, 1);
    t.match(busy.stderr, 'is being applied by another runner');

    stop.abort();
    t.equal(await running, 0, 'exit code 0 once stopped');
    const messages = stdout
      .text()
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    t.same([messages[0], messages.at(-1)], ['projector running', 'projector stopped'], 'JSON logs on stdout');
  });

  t.test('mistakes are explained', async (t) => {
    const unknown = await cli(['rebuild', 'nope']);
    t.same({ code: unknown.code, stderr: unknown.stderr }, { code: 2, stderr: 'No projection named "nope". Known: toy-counter.\n' });
    const usage = await cli(['rebuild']);
    t.equal(usage.code, 2);
    t.match(usage.stderr, /^rebuild needs the name of a projection\n\nUsage:/);
    const badFlag = await cli(['rebuild', 'toy-counter', '--batch-size', 'many']);
    t.equal(badFlag.code, 2);
    t.equal((await cli(['help'])).code, 0);
  });
}
