import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConsumeOutcome, ReleaseOutcome } from '../../../services/usage/usage-service.js';
import type { UnknownFeatureOutcome } from '../../../services/usage/usage-outcomes.js';
import { TenureError, type ErrorCode } from '../../../domain/errors.js';
import { usagePercent } from '../../../domain/usage/limits.js';
import { suggestUpgrade } from '../../../domain/usage/upgrade.js';

// Maps the usage service's outcomes to HTTP: 200 bodies, headers, metrics, and TenureErrors.

export const WARNING_HEADER = 'x-billing-warning';
export const REPLAYED_HEADER = 'idempotent-replayed';

const BLOCK_CODES: Record<string, ErrorCode> = { locked: 'TENANT_LOCKED', suspended: 'TENANT_SUSPENDED', closed: 'TENANT_CLOSED', read_only: 'READ_ONLY' };
const BLOCK_MESSAGES: Record<string, string> = {
  locked: 'the tenant is locked', suspended: 'the tenant is suspended', closed: 'the tenant account is closed', read_only: 'the tenant is read-only: payment is overdue',
};

/** The 200 body of an allowed consume, or the error that refuses it. */
export async function consumeReply(app: FastifyInstance, reply: FastifyReply, tenantId: string, metric: string, amount: number, outcome: ConsumeOutcome) {
  const m = app.deps.metrics;
  switch (outcome.kind) {
    case 'allowed': {
      if (outcome.warning) void reply.header(WARNING_HEADER, outcome.warning);
      if (outcome.duplicate) void reply.header(REPLAYED_HEADER, 'true');
      m.usageDecisions.labels(metric, outcome.duplicate ? 'duplicate' : 'allowed').inc();
      if (!outcome.duplicate) m.usageTotal.labels(metric).inc(amount);
      for (const pct of outcome.crossed) m.usageThresholdsCrossed.labels(metric, String(pct)).inc();
      if (outcome.crossed.length > 0) m.usagePercentage.labels(metric).set(usagePercent(outcome.used, outcome.limit) ?? 0);
      return { allowed: true, used: outcome.used, limit: outcome.limit, remaining: outcome.remaining };
    }
    case 'limit_exceeded': {
      if (outcome.warning) void reply.header(WARNING_HEADER, outcome.warning);
      m.usageDecisions.labels(metric, 'limit_exceeded').inc();
      m.limitExceeded.labels(metric).inc();
      const upgrade = suggestUpgrade(await app.usage.plans(), outcome.planId, metric, outcome.used + amount);
      throw new TenureError('LIMIT_EXCEEDED', `${metric} limit of ${outcome.limit} reached (used ${outcome.used}, asked ${amount})`, {
        metric, used: outcome.used, limit: outcome.limit, upgrade,
      });
    }
    case 'blocked':
      m.usageDecisions.labels(metric, 'blocked').inc();
      throw new TenureError(BLOCK_CODES[outcome.reason] ?? 'TENANT_LOCKED', BLOCK_MESSAGES[outcome.reason] ?? 'the tenant may not consume usage', { reason: outcome.reason });
    case 'idempotency_key_reused':
      m.usageDecisions.labels(metric, 'key_reused').inc();
      throw keyReused();
    case 'tenant_not_found':
      m.usageDecisions.labels(metric, 'not_found').inc();
      throw new TenureError('TENANT_NOT_FOUND', `tenant ${tenantId} not found`);
    case 'unknown_feature':
      m.usageDecisions.labels('unknown', 'unknown_feature').inc();
      throw unknownFeature(metric, outcome.problem);
    case 'period_closed':
      throw new TenureError('VALIDATION_FAILED', 'the usage is dated before the current period', { periodStart: new Date(outcome.periodStart).toISOString() });
  }
}

const PROBLEMS: Record<UnknownFeatureOutcome['problem'], string> = {
  unknown_feature: 'is not a feature of the catalog',
  not_consumable: 'is not consumed (a boolean or read feature): only gauge and monthly features are',
  not_releasable: 'is not a gauge: only live resources are released',
};

/** 400: consume or release of a key the operation does not count; a monthly feature on release keeps its older code. */
function unknownFeature(metric: string, problem: UnknownFeatureOutcome['problem']): TenureError {
  const code = problem === 'not_releasable' ? 'METRIC_NOT_RELEASABLE' : 'UNKNOWN_FEATURE';
  return new TenureError(code, `${metric} ${PROBLEMS[problem]}`, { metric, feature: metric, problem });
}

const keyReused = () => new TenureError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used before with another metric or amount: use a new key for a new request');

/** Rethrows a business error as it is; anything else from the enforcement path means Redis or Postgres is not answering. */
export function unavailable(app: FastifyInstance) {
  return (err: unknown): never => {
    if (err instanceof TenureError) throw err;
    app.log.error({ err }, 'usage enforcement failed');
    throw new TenureError('DEPENDENCY_UNAVAILABLE', 'usage enforcement is unavailable, retry shortly');
  };
}

/** The 200 body of a release, or the error that refuses it. */
export function releaseReply(reply: FastifyReply, tenantId: string, metric: string, outcome: ReleaseOutcome) {
  if (outcome.kind === 'unknown_feature') throw unknownFeature(metric, outcome.problem);
  if (outcome.kind === 'tenant_not_found') throw new TenureError('TENANT_NOT_FOUND', `tenant ${tenantId} not found`);
  if (outcome.kind === 'idempotency_key_reused') throw keyReused();
  if (outcome.duplicate) void reply.header(REPLAYED_HEADER, 'true');
  return { used: outcome.used, limit: outcome.limit, remaining: outcome.remaining };
}
