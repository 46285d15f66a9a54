// The delivery retry schedule: exponential backoff (doubling) from `initialMs`, each wait at most
// `maxIntervalMs`, for as long as `windowMs` after the first attempt. Temporal runs it (the activity's
// retry policy); this is the same arithmetic, for the docs, the tests and the CLI.

export interface RetrySchedule { initialMs: number; maxIntervalMs: number; windowMs: number }

/** The wait before retry number `retry` (1 = the first retry). */
export function retryDelayMs(retry: number, s: Pick<RetrySchedule, 'initialMs' | 'maxIntervalMs'>): number {
  return Math.min(s.maxIntervalMs, s.initialMs * 2 ** Math.max(0, retry - 1));
}

/** The offsets from the first attempt at which every attempt within the window happens (0 first). */
export function attemptOffsetsMs(s: RetrySchedule, limit = 10_000): number[] {
  const offsets = [0];
  for (let retry = 1; offsets.length < limit; retry++) {
    const next = offsets[offsets.length - 1]! + retryDelayMs(retry, s);
    if (next > s.windowMs) break;
    offsets.push(next);
  }
  return offsets;
}
