import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { stripeCustomers } from '../schema/index.js';

/** The tenant's Stripe customer id, or null. */
export async function findCustomerId(db: Db, tenantId: string): Promise<string | null> {
  const rows = await db.select({ customerId: stripeCustomers.customerId }).from(stripeCustomers).where(eq(stripeCustomers.tenantId, tenantId)).limit(1);
  return rows[0]?.customerId ?? null;
}

/** The tenant a Stripe customer belongs to, or null. */
export async function findTenantByCustomer(db: Db, customerId: string): Promise<string | null> {
  const rows = await db.select({ tenantId: stripeCustomers.tenantId }).from(stripeCustomers).where(eq(stripeCustomers.customerId, customerId)).limit(1);
  return rows[0]?.tenantId ?? null;
}

/** Stores the mapping unless the tenant already has one; returns the customer id that is stored. */
export async function saveCustomerId(db: Db, tenantId: string, customerId: string): Promise<string> {
  await db.insert(stripeCustomers).values({ tenantId, customerId }).onConflictDoNothing();
  return (await findCustomerId(db, tenantId)) ?? customerId;
}
