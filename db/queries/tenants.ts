import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tenants } from '../schema/index.js';

export type TenantRow = typeof tenants.$inferSelect;
export type TenantProjection = Omit<typeof tenants.$inferInsert, 'createdAt' | 'updatedAt'>;

/** Reads one tenant's billing projection, or null. */
export async function findTenant(db: Db, tenantId: string): Promise<TenantRow | null> {
  const rows = await db.select().from(tenants).where(eq(tenants.tenantId, tenantId)).limit(1);
  return rows[0] ?? null;
}

/** Upserts the projection unless the stored version is already newer; returns whether it was written. */
export async function upsertProjection(db: Db, row: TenantProjection): Promise<boolean> {
  const { tenantId: _id, ...rest } = row;
  const written = await db
    .insert(tenants)
    .values(row)
    .onConflictDoUpdate({ target: tenants.tenantId, set: { ...rest, updatedAt: sql`now()` }, setWhere: sql`${tenants.version} <= ${row.version}` })
    .returning({ tenantId: tenants.tenantId });
  return written.length > 0;
}
