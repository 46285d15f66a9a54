import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../config/logger.js';
import { CLOSE_MARGIN_MS, shutdownSignal } from '../../../config/shutdown.js';

// The signal half of every process's graceful shutdown: the first SIGTERM or SIGINT starts it, a
// second one changes nothing, and a shutdown that overruns the grace period and its margin exits 1.

const lines: string[] = [];
const log = createLogger({ level: 'info' }, { write: (l: string) => { lines.push(l); } });
const messages = () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg);

describe('shutdownSignal', () => {
  beforeEach(() => { vi.useFakeTimers(); lines.length = 0; });
  afterEach(() => { vi.useRealTimers(); });

  it('resolves with the first signal, logs a second one and exits 1 only once grace and margin have passed', async () => {
    const signals = new EventEmitter();
    const exit = vi.fn();
    const signalled = shutdownSignal({ log, graceMs: 30_000, exit, signals: signals as unknown as NodeJS.Process });
    signals.emit('SIGTERM', 'SIGTERM');
    await expect(signalled).resolves.toBe('SIGTERM');
    signals.emit('SIGINT', 'SIGINT');
    expect(messages()).toEqual(['shutting down', 'already shutting down']);
    vi.advanceTimersByTime(30_000 + CLOSE_MARGIN_MS - 1);
    expect(exit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
  });

  it('starts no timer before a signal arrives', () => {
    const exit = vi.fn();
    void shutdownSignal({ log, graceMs: 10, exit, signals: new EventEmitter() as unknown as NodeJS.Process });
    vi.advanceTimersByTime(3_600_000);
    expect(exit).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });
});
