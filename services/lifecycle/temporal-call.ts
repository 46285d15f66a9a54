import { isGrpcDeadlineError, isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';

/** What a Temporal call needs: the client and, from config, its task queue and call deadline. */
export type TemporalDeps = Pick<ServiceDeps, 'temporal' | 'config'>;

// gRPC status codes that mean "Temporal did not answer", not "Temporal said no".
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** True when an error, or one of its causes, says the Temporal service could not be reached in time. */
export function isTemporalUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(e as unknown)) return true;
    const code = isGrpcServiceError(e as unknown) ? (e as { code?: number }).code : undefined;
    if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
    e = (e as Error).cause;
  }
  return false;
}

/**
 * Runs Temporal client calls under the configured deadline (TEMPORAL_CALL_DEADLINE): every gRPC call
 * made inside `fn` gives up when it passes, and an unreachable or slow Temporal becomes a retryable
 * 503 DEPENDENCY_UNAVAILABLE (with Retry-After) instead of a request that hangs.
 */
export async function withTemporalDeadline<T>(deps: TemporalDeps, fn: () => Promise<T>): Promise<T> {
  try {
    return await deps.temporal.withDeadline(Date.now() + deps.config.temporal.callDeadlineMs, fn);
  } catch (err) {
    if (isTemporalUnavailable(err)) throw new TenureError('DEPENDENCY_UNAVAILABLE', 'the workflow service did not answer in time; retry shortly');
    throw err;
  }
}
