import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tenants } from '../schema/index.js';

export interface BillingContact { name: string | null; email: string | null }

/** The tenant's display name and billing email from the projection, or null for an unknown tenant. */
export async function findBillingContact(db: Db, tenantId: string): Promise<BillingContact | null> {
  const rows = await db.select({ name: tenants.name, email: tenants.email }).from(tenants).where(eq(tenants.tenantId, tenantId)).limit(1);
  return rows[0] ?? null;
}
