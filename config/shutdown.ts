import type { Logger } from './logger.js';

// How every Tenure process stops on SIGTERM (or SIGINT): it stops taking new work, lets the work in
// hand finish within the grace period (WORKER_SHUTDOWN_GRACE), closes its clients and exits 0. A
// process still running CLOSE_MARGIN_MS after the grace period is stopped with exit code 1, so an
// orchestrator's SIGKILL (give it more than grace + margin) is never what ends a process.

/** How long past the grace period a process may take to close its clients before it is stopped. */
export const CLOSE_MARGIN_MS = 10_000;

export interface ShutdownSignalOptions {
  log: Logger;
  graceMs: number;
  /** Ends the process; tests of this module pass a fake. */
  exit?: (code: number) => void;
  /** Where the signals come from; tests of this module pass an emitter. */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/**
 * Resolves with the first SIGTERM or SIGINT. From then on a later signal is logged and ignored, and a
 * process that has not exited within graceMs + CLOSE_MARGIN_MS exits with code 1.
 */
export function shutdownSignal(opts: ShutdownSignalOptions): Promise<NodeJS.Signals> {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const source = opts.signals ?? process;
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      source.off('SIGTERM', onSignal);
      source.off('SIGINT', onSignal);
      const again = (repeated: NodeJS.Signals) => opts.log.warn({ signal: repeated }, 'already shutting down');
      source.on('SIGTERM', again);
      source.on('SIGINT', again);
      opts.log.info({ signal, graceMs: opts.graceMs }, 'shutting down');
      setTimeout(() => {
        opts.log.error({ graceMs: opts.graceMs, marginMs: CLOSE_MARGIN_MS }, 'shutdown did not finish within the grace period and its margin: exiting 1');
        exit(1);
      }, opts.graceMs + CLOSE_MARGIN_MS).unref();
      resolve(signal);
    };
    source.on('SIGTERM', onSignal);
    source.on('SIGINT', onSignal);
  });
}

/** Logs that the process stopped cleanly and exits 0 (some clients keep the event loop alive). */
export function exitStopped(log: Logger, message: string, fields: Record<string, unknown> = {}): void {
  log.info(fields, message);
  // pino writes synchronously to stdout, so the line is out before the exit.
  process.exit(0);
}
