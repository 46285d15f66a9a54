import type { CliStreams } from '../context.js';

// A progress display on stderr: a redrawn bar on a terminal, plain lines (one per batch) otherwise,
// so logs and CI output stay readable.

export interface Progress {
  /** One more item is done. */
  tick(counts: Record<string, number>): void;
  /** A batch is done (prints a line when not a terminal). */
  batch(counts: Record<string, number>): void;
  finish(): void;
}

const summary = (counts: Record<string, number>) => Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');

/** Creates the progress display for `total` items. */
export function createProgress(stderr: CliStreams['stderr'], label: string, total: number): Progress {
  const tty = stderr.isTTY === true;
  let done = 0;
  const width = 30;
  const render = (counts: Record<string, number>) => {
    const filled = total === 0 ? width : Math.min(width, Math.round((done / total) * width));
    stderr.write(`\r\u001b[2K${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}  ${summary(counts)}`);
  };
  return {
    tick(counts) {
      done++;
      if (tty) render(counts);
    },
    batch(counts) {
      if (!tty) stderr.write(`${label}: ${done}/${total} (${summary(counts) || 'nothing yet'})\n`);
    },
    finish() {
      if (tty) stderr.write('\n');
    },
  };
}
