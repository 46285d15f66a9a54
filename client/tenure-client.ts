import { REFUSAL_CODES, TenureApiError, UsageRefusedError, type RefusalCode } from './errors.js';
import { createFeatureReads, type FeatureReads } from './feature-reads.js';
import { createApiCall, errorOf, expectOk, tenantPath, unexpectedAnswer, type ApiAnswer, type TransportOptions } from './http.js';
import type { Decision, PlanLimits, TenantStatus, TenantUsage, UsageOptions } from './types.js';

// A small HTTP client for product backends: ask Tenure whether a tenant may act, report usage, read
// limits and features. Uses fetch and a service token (role `service`).

export interface TenureClientOptions extends TransportOptions {
  /** When Tenure cannot be reached: false (default) refuses the action, true allows it (fail open). */
  failOpen?: boolean;
  /**
   * How long isEnabled and getEntitlements keep an answer, per tenant, in this process (default
   * 5000; 0 disables). A change made in Tenure takes up to cacheMs to show.
   */
  cacheMs?: number;
}

type Allowed = Extract<Decision, { allowed: true }>;

/** The client; `K` is the feature keys an app allows itself to name (any string by default). */
export interface TenureClient<K extends string = string> extends FeatureReads<K> {
  /** Consumes usage (or, with dryRun, only asks); a refusal is a decision, not an exception. */
  enforce(tenantId: string, metric: K, options?: UsageOptions & { dryRun?: boolean }): Promise<Decision>;
  /** Consumes usage or throws UsageRefusedError (402 over the limit, 403 blocked, 404 unknown tenant). */
  enforceLimit(tenantId: string, metric: K, options?: UsageOptions): Promise<Allowed>;
  /**
   * Whether the action would be allowed now, without counting it. For a `read` feature (a cap
   * Tenure only reports) pass the caller's `current` count: the check then compares
   * `current + amount` with the limit instead of asking consume.
   */
  canPerformAction(tenantId: string, metric: K, options?: { amount?: number; current?: number }): Promise<boolean>;
  /** How many more units the tenant may use now; null = unlimited. A read limit has no counter: pass `current`. */
  getRemainingCapacity(tenantId: string, metric: K, current?: number): Promise<number | null>;
  /** The tenant's plan, access and effective limits (null = unlimited). */
  getPlanLimits(tenantId: string): Promise<PlanLimits>;
  /** Current usage, limit and remaining capacity of every metered feature. */
  getUsage(tenantId: string): Promise<TenantUsage>;
  /** Gives back gauge usage (a deleted resource, a removed member). */
  release(tenantId: string, metric: K, options?: UsageOptions): Promise<{ used: number; limit: number | null; remaining: number | null }>;
}

/** Creates the client; every method is a single HTTP call (feature reads may be served from the cache). */
export function createTenureClient<K extends string = string>(opts: TenureClientOptions): TenureClient<K> {
  const call = createApiCall(opts);

  async function enforce(tenantId: string, metric: K, options: UsageOptions & { dryRun?: boolean } = {}): Promise<Decision> {
    let answer: ApiAnswer;
    try {
      answer = await call('POST', `${tenantPath(tenantId)}/usage/consume`, { metric, amount: options.amount ?? 1, idempotencyKey: options.idempotencyKey, dryRun: options.dryRun });
    } catch (err) {
      if (opts.failOpen) return { allowed: true, used: 0, limit: null, remaining: null, warning: 'tenure_unreachable', replayed: false };
      throw err;
    }
    return toDecision(answer);
  }

  async function getPlanLimits(tenantId: string): Promise<PlanLimits> {
    const s = expectOk<TenantStatus>(await call('GET', `${tenantPath(tenantId)}/status`));
    return { planId: s.plan.id, planName: s.plan.name, access: s.access, status: s.status, paymentStatus: s.paymentStatus, limits: s.limits };
  }

  async function getUsage(tenantId: string): Promise<TenantUsage> {
    return expectOk<TenantUsage>(await call('GET', `${tenantPath(tenantId)}/usage`));
  }

  async function getRemainingCapacity(tenantId: string, metric: K, current?: number): Promise<number | null> {
    const m = (await getUsage(tenantId)).metrics[metric];
    if (m === undefined) throw unknownFeature(metric);
    if (m.kind !== 'read') return m.remaining;
    return m.limit === null ? null : Math.max(0, m.limit - (current ?? 0));
  }

  async function canPerformAction(tenantId: string, metric: K, options: { amount?: number; current?: number } = {}): Promise<boolean> {
    const amount = options.amount ?? 1;
    if (options.current === undefined) return (await enforce(tenantId, metric, { amount, dryRun: true })).allowed;
    const status = await getPlanLimits(tenantId);
    const limit = status.limits[metric];
    if (limit === undefined) throw unknownFeature(metric);
    return status.access !== 'none' && (limit === null || options.current + amount <= limit);
  }

  async function enforceLimit(tenantId: string, metric: K, options: UsageOptions = {}): Promise<Allowed> {
    const d = await enforce(tenantId, metric, options);
    if (!d.allowed) throw new UsageRefusedError(d.status, d.code as RefusalCode, d.message, d.details);
    return d;
  }

  async function release(tenantId: string, metric: K, options: UsageOptions = {}): Promise<{ used: number; limit: number | null; remaining: number | null }> {
    return expectOk(await call('POST', `${tenantPath(tenantId)}/usage/release`, { metric, amount: options.amount ?? 1, idempotencyKey: options.idempotencyKey }));
  }

  return { enforce, enforceLimit, canPerformAction, getRemainingCapacity, getPlanLimits, getUsage, release, ...createFeatureReads<K>(call, opts.cacheMs) };
}

/** The error for a key Tenure does not list among the tenant's metered features (as the server says it). */
function unknownFeature(metric: string): TenureApiError {
  return new TenureApiError(400, 'UNKNOWN_FEATURE', `Tenure lists no metered feature ${metric} for this tenant`, { feature: metric });
}

function toDecision(answer: ApiAnswer): Decision {
  const { status, body, headers } = answer;
  const warning = headers.get('x-billing-warning');
  if (status === 200) {
    const b = body as { used: number; limit: number | null; remaining: number | null };
    return { allowed: true, used: b.used, limit: b.limit, remaining: b.remaining, warning, replayed: headers.get('idempotent-replayed') === 'true' };
  }
  const err = errorOf(answer);
  if (err?.code && REFUSAL_CODES.includes(err.code)) {
    return { allowed: false, status, code: err.code, message: err.message ?? err.code, details: (err.details as Record<string, unknown>) ?? null, warning };
  }
  throw unexpectedAnswer(answer);
}
