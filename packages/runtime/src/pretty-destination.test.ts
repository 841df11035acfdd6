import t from 'tap';
import { formatLine } from './pretty-destination.js';

t.test('a log line for a person: time, level, message, then the fields; the error with its stack', async (t) => {
  const time = Date.parse('2026-12-03T10:21:03.000Z');
  t.equal(
    formatLine(
      JSON.stringify({ level: 30, time, pid: 1, hostname: 'h', msg: 'Semáforo API listening', url: 'http://127.0.0.1:3000', store: 'PGlite in /x y' }),
    ),
    '10:21:03 INFO  Semáforo API listening  url=http://127.0.0.1:3000 store="PGlite in /x y"\n',
  );
  t.equal(
    formatLine(JSON.stringify({ level: 50, time, msg: 'failed', err: { message: 'boom', stack: 'Error: boom\n    at f' } })),
    '10:21:03 ERROR failed  err="boom"\n    Error: boom\n        at f\n',
  );
  t.equal(formatLine('not json\n'), 'not json\n', 'anything else passes through');
});
