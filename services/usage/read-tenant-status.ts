import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import type { TenantRow } from '../../db/queries/tenants.js';
import { entitlementValues } from '../../domain/entitlements/resolve.js';
import { splitEntitlements } from '../../domain/plans/types.js';
import type { NextTransition } from '../../domain/lifecycle/next-transition.js';
import { entitlementsOfRow, nextTransitionOfRow } from '../tenants/persist-projection.js';
import type { EnforcementView } from '../../domain/usage/enforcement.js';
import { findOrReprojectTenant } from '../tenants/reproject-tenant.js';
import { readEnforcement } from './read-usage.js';

// A tenant's billing status as product backends read it (GET /internal/tenants/:id/status).

/** The stable, versionable status DTO; the same shape whether Redis or the projection answers. */
export interface TenantStatusView {
  tenantId: string;
  status: string;
  paymentStatus: string;
  access: string;
  plan: { id: string; name: string };
  trial: { endsAt: string } | null;
  /** The metered features' effective limits (null = unlimited). */
  limits: Record<string, number | null>;
  /** The boolean features' effective flags (access is not applied: see `access`). */
  features: Record<string, boolean>;
  /** Stripe's hosted invoice page where the customer must authenticate a payment (3-D Secure); null when none waits. */
  paymentActionUrl: string | null;
  version: number;
  /** When access or plan will next change if nothing else happens (a trial end, a dunning step, a scheduled downgrade); null if no deadline will. */
  nextTransition: { at: string; to: { access: string; planId: string }; reason: string[] } | null;
}

export interface ReadTenantStatusDeps {
  db: Db;
  /** Asked to reproject when the projection row is missing (see findOrReprojectTenant). */
  temporal: Client;
  redis: Redis;
  log: Pick<Logger, 'warn'>;
  /** Repopulates Redis from the record (the usage service's rebuild). */
  ensureRebuilt(tenantId: string): Promise<boolean>;
}

const nextTransitionView = (n: NextTransition | null): TenantStatusView['nextTransition'] =>
  n === null ? null : { at: new Date(n.at).toISOString(), to: n.to, reason: n.reason };

/** The status view from the Redis enforcement record. */
export function statusFromEnforcement(tenantId: string, v: EnforcementView): TenantStatusView {
  return {
    tenantId, status: v.status, paymentStatus: v.paymentStatus, access: v.access,
    plan: { id: v.planId, name: v.planName },
    trial: v.trialEndsAt === null ? null : { endsAt: new Date(v.trialEndsAt).toISOString() },
    limits: v.limits, features: v.features, paymentActionUrl: v.paymentActionUrl, version: v.version, nextTransition: nextTransitionView(v.nextTransition ?? null),
  };
}

/** The status view from the projection row. */
export function statusFromRow(row: TenantRow): TenantStatusView {
  return {
    tenantId: row.tenantId, status: row.status, paymentStatus: row.paymentStatus, access: row.access,
    plan: { id: row.planId, name: row.planName },
    trial: row.trialEndsAt ? { endsAt: row.trialEndsAt.toISOString() } : null,
    // The row's `limits` column holds the metered limits; the flags come from the state it holds.
    ...splitEntitlements(entitlementValues(entitlementsOfRow(row, Date.now()))), paymentActionUrl: row.paymentActionUrl, version: row.version,
    nextTransition: nextTransitionView(nextTransitionOfRow(row, Date.now())),
  };
}

/**
 * From Redis (the fast path), else from the Postgres projection, which then repopulates Redis; a
 * projection row Postgres lost is written again by the running lifecycle, whose state answers
 * meanwhile. Null when the tenant is unknown. If Redis is unreachable the projection still answers.
 */
export async function readTenantStatus(deps: ReadTenantStatusDeps, tenantId: string): Promise<TenantStatusView | null> {
  const fromRedis = await readEnforcement(deps.redis, tenantId).catch((err: unknown) => {
    deps.log.warn({ err, tenantId }, 'status: Redis read failed, answering from Postgres');
    return null;
  });
  if (fromRedis) return statusFromEnforcement(tenantId, fromRedis);
  const row = await findOrReprojectTenant(deps, tenantId);
  if (!row) return null;
  await deps.ensureRebuilt(tenantId).catch((err: unknown) => deps.log.warn({ err, tenantId }, 'status: could not repopulate Redis'));
  return statusFromRow(row);
}
