import type { ServiceDeps } from '../deps.js';
import { callStripe } from '../stripe/call-stripe.js';

export type ReadinessDeps = Pick<ServiceDeps, 'redis' | 'temporal' | 'stripe' | 'log'> & {
  sql: { unsafe(q: string): Promise<unknown> };
  kafka: { describeCluster(): Promise<unknown> };
};

/** Only up or down: the answer is public, so why a dependency is down (hostnames, users) goes to the log. */
export type CheckResult = { status: 'up' | 'down' };
export type Readiness = Record<'postgres' | 'redis' | 'temporal' | 'kafka' | 'stripe', CheckResult>;

const TIMEOUT_MS = 2_000;
/** How long one round of checks answers every readiness request (each probe would otherwise reach Stripe). */
export const READINESS_CACHE_MS = 5_000;

async function check(deps: ReadinessDeps, name: string, probe: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS}ms`)), TIMEOUT_MS).unref())]);
    return { status: 'up' };
  } catch (err) {
    deps.log.warn({ dependency: name, err }, 'readiness check failed');
    return { status: 'down' };
  }
}

/** Checks every dependency concurrently; each answers within two seconds or counts as down. */
export async function checkDependencies(deps: ReadinessDeps): Promise<Readiness> {
  const [postgres, redis, temporal, kafka, stripe] = await Promise.all([
    check(deps, 'postgres', () => deps.sql.unsafe('select 1')),
    check(deps, 'redis', () => deps.redis.ping()),
    check(deps, 'temporal', () => deps.temporal.workflowService.getSystemInfo({})),
    check(deps, 'kafka', () => deps.kafka.describeCluster()),
    check(deps, 'stripe', () => callStripe(deps.log, 'check readiness', () => deps.stripe.balance.retrieve())),
  ]);
  return { postgres, redis, temporal, kafka, stripe };
}

/**
 * checkDependencies behind a short cache: every request within `ttlMs` of a round of checks gets
 * that round's answer, and concurrent requests share the round in flight.
 */
export function cachedDependencyCheck(deps: ReadinessDeps, ttlMs = READINESS_CACHE_MS, now: () => number = Date.now): () => Promise<Readiness> {
  let last: { at: number; result: Promise<Readiness> } | null = null;
  return () => {
    if (last === null || now() - last.at >= ttlMs) last = { at: now(), result: checkDependencies(deps) };
    return last.result;
  };
}
