import { Writable } from 'node:stream';
import t from 'tap';
import { createLogger, redactUrl } from './logger.js';

t.test('secret-looking query parameters are redacted from logged URLs', async (t) => {
  t.equal(redactUrl('/plans?year=2024'), '/plans?year=2024');
  t.equal(redactUrl('/x?access_token=abc&year=2024'), '/x?access_token=[Redacted]&year=2024');
  t.equal(redactUrl('/x?api-key=abc&password=p&flag'), '/x?api-key=[Redacted]&password=[Redacted]&flag');
  t.equal(redactUrl('/plans'), '/plans');
  t.equal(redactUrl('/indicators?code=IE-DNGF-NA-11'), '/indicators?code=IE-DNGF-NA-11', 'indicator codes stay readable');
});

t.test('credentials never reach the log', async (t) => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });

  logger.info({ req: { method: 'GET', url: '/x?token=abc', headers: { authorization: 'Bearer abc' } } }, 'a request');
  logger.info({ headers: { authorization: 'Bearer abc', cookie: 'sid=abc' } }, 'headers');
  logger.info({ login: { user: 'ana', password: 'abc', token: 'abc' } }, 'nested');

  t.equal(lines.length, 3);
  for (const line of lines) t.notMatch(line, /abc/, line);
  t.match(JSON.parse(lines[2] ?? '{}'), { login: { user: 'ana', password: '[Redacted]' } });
});
