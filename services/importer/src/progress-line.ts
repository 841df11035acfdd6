/** Where progress goes: stderr, or anything with `write` (and `isTTY` when it is a terminal). */
export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `[########----------------]  33% 2,500/7,560 rows` */
export function formatRows(done: number, total: number, width = 24): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.floor(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${`${Math.floor(share * 100)}%`.padStart(4)} ${integer.format(done)}/${integer.format(total)} rows`;
}

/**
 * On a terminal, one line redrawn in place; to a file or a pipe, one plain
 * line per update (an update is a chunk of rows appended, so they are few).
 */
export function createProgressLine(output: ProgressOutput): { update(done: number, total: number): void; finish(): void } {
  let drawn = false;
  return {
    update(done, total) {
      if (output.isTTY === true) {
        output.write(`\r\x1b[2K${formatRows(done, total)}`);
        drawn = true;
      } else {
        output.write(`${formatRows(done, total)}\n`);
      }
    },
    finish() {
      if (drawn) output.write('\n');
      drawn = false;
    },
  };
}
