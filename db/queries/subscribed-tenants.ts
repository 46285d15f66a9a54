import { and, asc, gt, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tenants } from '../schema/index.js';

export interface SubscribedTenant { tenantId: string; name: string | null; email: string | null; stripeSubscriptionId: string; state: Record<string, unknown> }

/** One page of the open tenants that have a Stripe subscription, by id after `afterId` (keyset paging). */
export async function listSubscribedTenantsAfter(db: Db, afterId: string | null, limit: number): Promise<SubscribedTenant[]> {
  const rows = await db.select({ tenantId: tenants.tenantId, name: tenants.name, email: tenants.email, stripeSubscriptionId: tenants.stripeSubscriptionId, state: tenants.state })
    .from(tenants)
    .where(and(isNotNull(tenants.stripeSubscriptionId), ne(tenants.status, 'closed'), afterId === null ? undefined : gt(tenants.tenantId, afterId)))
    .orderBy(asc(tenants.tenantId))
    .limit(limit);
  return rows.map((r) => ({ ...r, stripeSubscriptionId: r.stripeSubscriptionId! }));
}

/** How many open tenants have a Stripe subscription (the drift repair's total, for progress). */
export async function countSubscribedTenants(db: Db): Promise<number> {
  return db.$count(tenants, and(isNotNull(tenants.stripeSubscriptionId), ne(tenants.status, 'closed')));
}
