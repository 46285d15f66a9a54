import { limitsKey } from '../../../domain/usage/keys.js';
import { usageKey } from '../../../domain/usage/metrics.js';
import type { TestStack } from '../../support/stack.js';
import { bearer, signToken, type TestRole } from '../../support/tokens.js';

// Shared by the plan catalog tests: tokens, a valid plan body, and usage counters as the consume path keeps them.

export const headersFor = (stack: TestStack, roles: TestRole[], tenantId: string | null = null) =>
  bearer(signToken(stack.config.auth.jwtSecret, { sub: `${roles[0]}-1`, roles, tenantId }));

export const adminHeaders = (stack: TestStack) => headersFor(stack, ['platform_admin']);

export function planBody(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id, name: `Plan ${id}`, description: 'made by a test', rank: 30, priceMonthlyCents: 19_900, priceAnnualCents: 199_000,
    limits: { referred_users: 50_000, campaigns: 50, seats: 25, leaderboard_entries: null, email_sends: 200_000 },
    features: ['50 campaigns', 'SSO'], ...overrides,
  };
}

const GAUGES = ['campaigns', 'seats'];

/** Writes a tenant's current usage where the consume path keeps it: gauges live, monthly metrics in the period of limits:{tenant}. */
export async function seedUsage(stack: TestStack, tenantId: string, usage: Record<string, number>, periodStart = Date.UTC(2026, 0, 1)): Promise<void> {
  await stack.deps.redis.hset(limitsKey(tenantId), '_period', String(periodStart));
  for (const [metric, value] of Object.entries(usage)) await stack.deps.redis.set(usageKey(tenantId, metric, GAUGES.includes(metric) ? 'gauge' : 'monthly', periodStart), String(value));
}
