import t from 'tap';
import type { ProjectionProgress } from '@semaforo/projector';
import { createProgressBar, formatDuration, formatProgress } from './progress-bar.js';

const progress = (done: number, total: number, overrides: Partial<ProjectionProgress> = {}): ProjectionProgress => ({
  name: 'evaluation-facts',
  version: 2,
  state: 'building',
  phase: 'catching-up',
  checkpoint: { commit: 1n, prepare: BigInt(done) },
  eventsDone: done,
  eventsTotal: total,
  eventsApplied: done,
  eventsPerSecond: 51_234.4,
  etaSeconds: (total - done) / 51_234.4,
  elapsedSeconds: done / 51_234.4,
  ...overrides,
});

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, output: { isTTY, write: (text: string) => writes.push(text) } };
}

t.test('a progress line says how far, how fast and how long to go', async (t) => {
  t.equal(formatProgress(progress(10_400, 20_000), 10), 'evaluation-facts v2 [#####-----]  52% 10,400/20,000 events  51,234 ev/s  ETA 0s');
  t.equal(
    formatProgress(progress(0, 0, { eventsPerSecond: 0, etaSeconds: null }), 4),
    'evaluation-facts v2 [####] 100% 0/0 events  0 ev/s  ETA ?',
    'an empty log is done',
  );
  t.match(formatProgress(progress(150, 120)), '150/150 events', 'an estimate that fell short never shows more than 100%');
  t.same([formatDuration(42.4), formatDuration(185), formatDuration(3_720), formatDuration(null)], ['42s', '3m05s', '1h02m', '?']);
});

t.test('on a terminal the bar redraws one line in place, at most 10 times a second', async (t) => {
  let now = 0;
  const { writes, output } = recorder(true);
  const bar = createProgressBar(output, { now: () => now });
  bar.update(progress(100, 1_000));
  now = 50;
  bar.update(progress(200, 1_000));
  now = 150;
  bar.update(progress(300, 1_000));
  now = 170;
  bar.update(progress(400, 1_000));
  bar.finish();
  t.same(
    writes.map((w) => /(\d+)\/1,000/.exec(w)?.[1] ?? JSON.stringify(w)),
    ['100', '300', '400', '"\\n"'],
    'drew at 0 and 150 ms, skipped 50 and 170 ms, drew the last state at the end, then ended the line',
  );
  t.ok(
    writes.slice(0, 3).every((w) => w.startsWith('\r\x1b[2K') && !w.includes('\n')),
    'each draw clears and rewrites the line',
  );
});

t.test('to a file or pipe it writes plain lines every few seconds, and the last one', async (t) => {
  let now = 0;
  const { writes, output } = recorder(false);
  const bar = createProgressBar(output, { now: () => now, intervalMs: 5_000 });
  for (let done = 100; done <= 1_000; done += 100) {
    bar.update(progress(done, 1_000));
    now += 1_000;
  }
  bar.finish();
  t.same(
    writes.map((w) => /(\d[\d,]*)\/1,000/.exec(w)?.[1]),
    ['100', '600', '1,000'],
    'at 0 s, 5 s, and the end',
  );
  t.ok(
    writes.every((w) => w.endsWith('\n') && !w.includes('\r')),
    'plain lines',
  );
});
