import type { ProjectionProgress } from '@semaforo/projector';

/** Where progress goes: stderr, or anything with `write` (and `isTTY` when it is a terminal). */
export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `42s`, `3m05s`, `1h02m`; `?` when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total}s`;
  if (total < 3_600) return `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`;
  return `${Math.floor(total / 3_600)}h${String(Math.floor((total % 3_600) / 60)).padStart(2, '0')}m`;
}

/** One line: `evaluation-facts v2 [#######-------] 52% 10,400/20,000 events  51,234 ev/s  ETA 1s`. */
export function formatProgress(progress: ProjectionProgress, barWidth = 24): string {
  const total = Math.max(progress.eventsTotal, progress.eventsDone);
  const share = total === 0 ? 1 : progress.eventsDone / total;
  const filled = Math.min(barWidth, Math.floor(share * barWidth));
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return (
    `${progress.name} v${progress.version} ${bar} ${percent} ${integer.format(progress.eventsDone)}/${integer.format(total)} events` +
    `  ${integer.format(progress.eventsPerSecond)} ev/s  ETA ${formatDuration(progress.etaSeconds)}`
  );
}

export interface ProgressBar {
  update(progress: ProjectionProgress): void;
  /** Draws the last state for good (and ends the terminal line). */
  finish(): void;
}

/**
 * On a terminal, one line redrawn in place (at most 10 times a second); to a
 * file or a pipe, a plain line every `intervalMs` (default 5 s) and at the
 * end, so logs stay readable.
 */
export function createProgressBar(output: ProgressOutput, options: { readonly now?: () => number; readonly intervalMs?: number } = {}): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const tty = output.isTTY === true;
  const interval = tty ? 100 : (options.intervalMs ?? 5_000);
  let last: ProjectionProgress | undefined;
  let drawnAt = -Infinity;
  let drawn: ProjectionProgress | undefined;

  const draw = (progress: ProjectionProgress): void => {
    drawn = progress;
    drawnAt = now();
    if (tty) {
      // Clear the line, then write it again without a newline: the cursor stays on it.
      const line = formatProgress(progress);
      const columns = output.columns ?? 0;
      output.write(`\r\x1b[2K${columns > 0 && line.length >= columns ? line.slice(0, columns - 1) : line}`);
    } else {
      output.write(`${formatProgress(progress)}\n`);
    }
  };

  return {
    update(progress) {
      last = progress;
      if (now() - drawnAt >= interval) draw(progress);
    },
    finish() {
      if (last !== undefined && last !== drawn) draw(last);
      if (tty && drawn !== undefined) output.write('\n');
    },
  };
}
