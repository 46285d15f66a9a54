import { outboxBacklog } from '../../db/queries/billing-events.js';
import type { ServiceDeps } from '../deps.js';
import { callStripe } from '../stripe/call-stripe.js';

export type ReadinessDeps = Pick<ServiceDeps, 'db' | 'redis' | 'temporal' | 'stripe' | 'log' | 'config'> & {
  sql: { unsafe(q: string): Promise<unknown> };
  kafka: { describeCluster(): Promise<unknown> };
};

/** Only up or down: the answer is public, so why a dependency is down (hostnames, users) goes to the log. */
export type CheckResult = { status: 'up' | 'down' };
export type Dependency = 'postgres' | 'redis' | 'temporal' | 'kafka' | 'stripe';
export type Dependencies = Record<Dependency, CheckResult>;
/** `degraded`: events wait in the outbox longer than READINESS_OUTBOX_MAX_AGE (or it cannot be read: `down`). */
export type OutboxCheck = { status: 'up' | 'degraded' | 'down' };
/**
 * `ready`: everything answers. `degraded`: the API serves every request, but something behind it
 * lags: Kafka is down (the API does not use it; billing events wait in the outbox) or the outbox has
 * a backlog. `not_ready`: a dependency requests need is down (dependencies says which).
 */
export interface Readiness { status: 'ready' | 'degraded' | 'not_ready'; dependencies: Dependencies; outbox: OutboxCheck }

const TIMEOUT_MS = 2_000;
/** How long one round of checks answers every readiness request (each probe would otherwise reach Stripe). */
export const READINESS_CACHE_MS = 5_000;
/** Dependencies whose loss only degrades the API (it keeps answering every request). */
const DEGRADING: readonly Dependency[] = ['kafka'];

function withTimeout<T>(probe: () => Promise<T>): Promise<T> {
  return Promise.race([probe(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS}ms`)), TIMEOUT_MS).unref())]);
}

async function check(deps: ReadinessDeps, name: string, probe: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await withTimeout(probe);
    return { status: 'up' };
  } catch (err) {
    deps.log.warn({ dependency: name, err }, 'readiness check failed');
    return { status: 'down' };
  }
}

async function checkOutbox(deps: ReadinessDeps): Promise<OutboxCheck> {
  try {
    const { oldestRecordedAt } = await withTimeout(() => outboxBacklog(deps.db));
    const lagging = oldestRecordedAt !== null && Date.now() - oldestRecordedAt.getTime() > deps.config.readiness.outboxMaxAgeMs;
    if (lagging) deps.log.warn({ oldestRecordedAt }, 'readiness: billing events wait in the outbox');
    return { status: lagging ? 'degraded' : 'up' };
  } catch (err) {
    deps.log.warn({ err }, 'readiness: the outbox backlog could not be read');
    return { status: 'down' };
  }
}

/** Checks every dependency and the outbox concurrently; each answers within two seconds or counts as down. */
export async function checkDependencies(deps: ReadinessDeps): Promise<Readiness> {
  const [postgres, redis, temporal, kafka, stripe, outbox] = await Promise.all([
    check(deps, 'postgres', () => deps.sql.unsafe('select 1')),
    check(deps, 'redis', () => deps.redis.ping()),
    check(deps, 'temporal', () => deps.temporal.connection.withDeadline(Date.now() + TIMEOUT_MS, () => deps.temporal.workflowService.getSystemInfo({}))),
    check(deps, 'kafka', () => deps.kafka.describeCluster()),
    check(deps, 'stripe', () => callStripe(deps.log, 'check readiness', () => deps.stripe.balance.retrieve())),
    checkOutbox(deps),
  ]);
  const dependencies: Dependencies = { postgres, redis, temporal, kafka, stripe };
  return { status: statusOf(dependencies, outbox), dependencies, outbox };
}

function statusOf(dependencies: Dependencies, outbox: OutboxCheck): Readiness['status'] {
  const down = (Object.keys(dependencies) as Dependency[]).filter((d) => dependencies[d].status === 'down');
  if (down.some((d) => !DEGRADING.includes(d))) return 'not_ready';
  return down.length > 0 || outbox.status === 'degraded' ? 'degraded' : 'ready';
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
