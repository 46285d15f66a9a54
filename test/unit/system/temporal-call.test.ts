import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { TenureError } from '../../../domain/errors.js';
import { isTemporalUnavailable, withTemporalDeadline, type TemporalDeps } from '../../../services/lifecycle/temporal-call.js';

// gRPC status codes (from @grpc/grpc-js, which is not a direct dependency).
const status = { INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, UNAVAILABLE: 14 };
const grpcError = (code: number) => Object.assign(new Error(`grpc ${code}`), { code, details: '', metadata: {} });
// A client whose withDeadline runs the function, as the SDK does, and records the deadline it got.
function fakeDeps(deadlineMs: number) {
  const seen: number[] = [];
  const deps = {
    config: { temporal: { callDeadlineMs: deadlineMs } },
    temporal: { withDeadline: (deadline: number, fn: () => Promise<unknown>) => { seen.push(deadline); return fn(); } },
  } as unknown as TemporalDeps;
  return { deps, seen };
}

describe('isTemporalUnavailable', () => {
  it('is true for an unreachable or slow Temporal, however deep the SDK wrapped it', () => {
    expect(isTemporalUnavailable(grpcError(status.UNAVAILABLE))).toBe(true);
    expect(isTemporalUnavailable(grpcError(status.DEADLINE_EXCEEDED))).toBe(true);
    expect(isTemporalUnavailable(new ServiceError('failed to start', { cause: grpcError(status.UNAVAILABLE) }))).toBe(true);
    expect(isTemporalUnavailable(new WorkflowUpdateRPCTimeoutOrCancelledError('timed out', { cause: new Error('x') }))).toBe(true);
  });

  it('is false for an answer Temporal gave', () => {
    expect(isTemporalUnavailable(grpcError(status.NOT_FOUND))).toBe(false);
    expect(isTemporalUnavailable(grpcError(status.INVALID_ARGUMENT))).toBe(false);
    expect(isTemporalUnavailable(new Error('something else'))).toBe(false);
  });
});

describe('withTemporalDeadline', () => {
  it('gives the calls the configured deadline and turns an outage into a retryable 503', async () => {
    const { deps, seen } = fakeDeps(7_000);
    const before = Date.now();
    const err = await withTemporalDeadline(deps, () => Promise.reject(grpcError(status.DEADLINE_EXCEEDED))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TenureError);
    expect((err as TenureError).code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(seen[0]! - before).toBeGreaterThanOrEqual(7_000);
    expect(seen[0]! - before).toBeLessThan(8_000);
  });

  it('passes every other failure through unchanged', async () => {
    const { deps } = fakeDeps(1_000);
    const refusal = grpcError(status.NOT_FOUND);
    await expect(withTemporalDeadline(deps, () => Promise.reject(refusal))).rejects.toBe(refusal);
  });
});
