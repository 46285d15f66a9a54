import type { ServiceDeps } from '../deps.js';

export type ReadinessDeps = Pick<ServiceDeps, 'redis' | 'temporal' | 'stripe'> & {
  sql: { unsafe(q: string): Promise<unknown> };
  kafka: { describeCluster(): Promise<unknown> };
};

export type CheckResult = { status: 'up' | 'down'; latencyMs: number; error?: string };

const TIMEOUT_MS = 2_000;

async function timed(check: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS}ms`)), TIMEOUT_MS).unref())]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  }
}

/** Checks every dependency concurrently; each answers within two seconds or counts as down. */
export async function checkDependencies(deps: ReadinessDeps): Promise<Record<string, CheckResult>> {
  const [postgres, redis, temporal, kafka, stripe] = await Promise.all([
    timed(() => deps.sql.unsafe('select 1')),
    timed(() => deps.redis.ping()),
    timed(() => deps.temporal.workflowService.getSystemInfo({})),
    timed(() => deps.kafka.describeCluster()),
    timed(() => deps.stripe.balance.retrieve()),
  ]);
  return { postgres, redis, temporal, kafka, stripe };
}
