import { REFUSAL_CODES, TenureApiError, UsageRefusedError, type RefusalCode } from './errors.js';
import type { Decision, Metric, PlanLimits, TenantStatus, TenantUsage, UsageOptions } from './types.js';

// A small HTTP client for product backends: ask Tenure whether a tenant may act, report usage, read
// limits. Uses fetch and a service token (role `service`).

export interface TenureClientOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** A service JWT, or a function returning a fresh one. */
  token: string | (() => string | Promise<string>);
  timeoutMs?: number;
  /** When Tenure cannot be reached: false (default) refuses the action, true allows it (fail open). */
  failOpen?: boolean;
  fetch?: typeof fetch;
}

interface ApiAnswer { status: number; body: unknown; headers: Headers }

/** Creates the client; every method is a single HTTP call. */
export function createTenureClient(opts: TenureClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer> {
    const token = typeof opts.token === 'function' ? await opts.token() : opts.token;
    try {
      const res = await doFetch(`${base}${path}`, {
        method, signal: AbortSignal.timeout(opts.timeoutMs ?? 2_000),
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null), headers: res.headers };
    } catch (err) {
      throw new TenureApiError(0, 'UNREACHABLE', `Tenure is unreachable: ${(err as Error).message}`);
    }
  }

  const tenantPath = (tenantId: string) => `/internal/tenants/${encodeURIComponent(tenantId)}`;

  /** Consumes usage (or, with dryRun, only asks); a refusal is a decision, not an exception. */
  async function enforce(tenantId: string, metric: Metric, options: UsageOptions & { dryRun?: boolean } = {}): Promise<Decision> {
    let answer: ApiAnswer;
    try {
      answer = await call('POST', `${tenantPath(tenantId)}/usage/consume`, { metric, amount: options.amount ?? 1, idempotencyKey: options.idempotencyKey, dryRun: options.dryRun });
    } catch (err) {
      if (opts.failOpen) return { allowed: true, used: 0, limit: null, remaining: null, warning: 'tenure_unreachable', replayed: false };
      throw err;
    }
    return toDecision(answer);
  }

  /** The tenant's plan, access and effective limits (null = unlimited). */
  async function getPlanLimits(tenantId: string): Promise<PlanLimits> {
    const s = expectOk<TenantStatus>(await call('GET', `${tenantPath(tenantId)}/status`));
    return { planId: s.plan.id, planName: s.plan.name, access: s.access, status: s.status, paymentStatus: s.paymentStatus, limits: s.limits };
  }

  /** Current usage, limit and remaining capacity of every metric. */
  async function getUsage(tenantId: string): Promise<TenantUsage> {
    return expectOk<TenantUsage>(await call('GET', `${tenantPath(tenantId)}/usage`));
  }

  /**
   * How many more units the tenant may use now; null = unlimited. A read limit has no counter in
   * Tenure: pass the caller's `current` count for it.
   */
  async function getRemainingCapacity(tenantId: string, metric: Metric, current?: number): Promise<number | null> {
    const m = (await getUsage(tenantId)).metrics[metric];
    if (m.kind !== 'read') return m.remaining;
    return m.limit === null ? null : Math.max(0, m.limit - (current ?? 0));
  }

  /** Whether the action would be allowed now, without counting it (a read limit compares `current`). */
  async function canPerformAction(tenantId: string, metric: Metric, options: { amount?: number; current?: number } = {}): Promise<boolean> {
    const amount = options.amount ?? 1;
    if (metric === 'leaderboard_entries') {
      const limits = await getPlanLimits(tenantId);
      const limit = limits.limits[metric];
      return limits.access !== 'none' && (limit === null || (options.current ?? 0) + amount <= limit);
    }
    return (await enforce(tenantId, metric, { amount, dryRun: true })).allowed;
  }

  /** Consumes usage or throws UsageRefusedError (402 over the limit, 403 blocked, 404 unknown tenant). */
  async function enforceLimit(tenantId: string, metric: Metric, options: UsageOptions = {}): Promise<Extract<Decision, { allowed: true }>> {
    const d = await enforce(tenantId, metric, options);
    if (!d.allowed) throw new UsageRefusedError(d.status, d.code as RefusalCode, d.message, d.details);
    return d;
  }

  /** Gives back gauge usage (a deleted campaign, a removed seat). */
  async function release(tenantId: string, metric: Metric, options: UsageOptions = {}): Promise<{ used: number; limit: number | null; remaining: number | null }> {
    return expectOk(await call('POST', `${tenantPath(tenantId)}/usage/release`, { metric, amount: options.amount ?? 1, idempotencyKey: options.idempotencyKey }));
  }

  return { enforce, enforceLimit, canPerformAction, getRemainingCapacity, getPlanLimits, getUsage, release };
}

export type TenureClient = ReturnType<typeof createTenureClient>;

interface ErrorBody { error?: { code?: string; message?: string; details?: unknown } }

function toDecision({ status, body, headers }: ApiAnswer): Decision {
  const warning = headers.get('x-billing-warning');
  if (status === 200) {
    const b = body as { used: number; limit: number | null; remaining: number | null };
    return { allowed: true, used: b.used, limit: b.limit, remaining: b.remaining, warning, replayed: headers.get('idempotent-replayed') === 'true' };
  }
  const err = (body as ErrorBody | null)?.error;
  if (err?.code && REFUSAL_CODES.includes(err.code)) {
    return { allowed: false, status, code: err.code, message: err.message ?? err.code, details: (err.details as Record<string, unknown>) ?? null, warning };
  }
  throw new TenureApiError(status, err?.code ?? 'UNEXPECTED', err?.message ?? `unexpected answer ${status} from Tenure`, err?.details);
}

function expectOk<T>({ status, body }: ApiAnswer): T {
  if (status === 200) return body as T;
  const err = (body as ErrorBody | null)?.error;
  throw new TenureApiError(status, err?.code ?? 'UNEXPECTED', err?.message ?? `unexpected answer ${status} from Tenure`, err?.details);
}
