import type { FastifyInstance } from 'fastify';
import { readEnforcement } from './read-usage.js';
import { findTenant } from '../../db/queries/tenants.js';
import type { EnforcementView } from '../../domain/usage/enforcement.js';
import { toTenantStatusView, type TenantStatusView } from '../../api/convert/tenant-status.js';

/** The status view from the Redis enforcement record (same shape as from the projection row). */
export function statusFromEnforcement(tenantId: string, v: EnforcementView): TenantStatusView {
  return {
    tenantId, status: v.status, paymentStatus: v.paymentStatus, access: v.access,
    plan: { id: v.planId, name: v.planName },
    trial: v.trialEndsAt === null ? null : { endsAt: new Date(v.trialEndsAt).toISOString() },
    limits: v.limits, version: v.version,
  };
}

/**
 * A tenant's billing status for product backends: from Redis (the fast path), else from the
 * Postgres projection, which then repopulates Redis. Null when the tenant is unknown. If Redis is
 * unreachable the projection still answers.
 */
export async function readTenantStatus(app: FastifyInstance, tenantId: string): Promise<TenantStatusView | null> {
  const fromRedis = await readEnforcement(app.deps.redis, tenantId).catch((err: unknown) => {
    app.log.warn({ err, tenantId }, 'status: Redis read failed, answering from Postgres');
    return null;
  });
  if (fromRedis) return statusFromEnforcement(tenantId, fromRedis);
  const row = await findTenant(app.deps.db, tenantId);
  if (!row) return null;
  await app.usage.service.ensureRebuilt(tenantId).catch((err: unknown) => app.log.warn({ err, tenantId }, 'status: could not repopulate Redis'));
  return toTenantStatusView(row);
}
