import { SingleBar } from 'cli-progress';
import type { CliStreams } from '../context.js';

// A progress display on stderr: a cli-progress bar on a terminal, plain lines (one per batch)
// otherwise, so logs and CI output stay readable.

export interface Progress {
  /** One more item is done. */
  tick(counts: Record<string, number>): void;
  /** A batch is done (prints a line when not a terminal). */
  batch(counts: Record<string, number>): void;
  finish(): void;
}

const summary = (counts: Record<string, number>) => Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');

function terminalProgress(stderr: CliStreams['stderr'], label: string, total: number): Progress {
  const bar = new SingleBar({
    stream: stderr as NodeJS.WriteStream, format: `${label} [{bar}] {value}/{total}  {summary}`, barsize: 30,
    barCompleteChar: '#', barIncompleteChar: '-', hideCursor: false, clearOnComplete: false, fps: 10,
  });
  bar.start(total, 0, { summary: '' });
  return {
    tick: (counts) => bar.increment(1, { summary: summary(counts) }),
    batch: () => {},
    finish: () => bar.stop(),
  };
}

function lineProgress(stderr: CliStreams['stderr'], label: string, total: number): Progress {
  let done = 0;
  return {
    tick: () => { done++; },
    batch: (counts) => void stderr.write(`${label}: ${done}/${total} (${summary(counts) || 'nothing yet'})\n`),
    finish: () => {},
  };
}

/** Creates the progress display for `total` items. */
export function createProgress(stderr: CliStreams['stderr'], label: string, total: number): Progress {
  return stderr.isTTY === true ? terminalProgress(stderr, label, total) : lineProgress(stderr, label, total);
}
