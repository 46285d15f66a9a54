import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Feature } from '../../domain/entitlements/features.js';
import { TenureError } from '../../domain/errors.js';
import type { Db } from '../client.js';
import { postgresErrorOf } from '../errors.js';
import { features, plans, tenants } from '../schema/index.js';

// Data access for the feature catalog (admin API, catalog cache, the delete check). No business rules here.

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Queryable = Db | Tx;
type FeatureRow = typeof features.$inferSelect;

/** A feature as the admin API shows it: the feature plus its audit timestamps. */
export interface FeatureRecord extends Feature { createdAt: Date; updatedAt: Date }

const UNIQUE_VIOLATION = '23505';

/** A features row as the domain's Feature (a null unit or description is absent). */
export function toFeature(row: Pick<FeatureRow, 'key' | 'name' | 'kind' | 'unit' | 'description'>): Feature {
  return { key: row.key, name: row.name, kind: row.kind, ...(row.unit === null ? {} : { unit: row.unit }), ...(row.description === null ? {} : { description: row.description }) };
}

const toRecord = (row: FeatureRow): FeatureRecord => ({ ...toFeature(row), createdAt: row.createdAt, updatedAt: row.updatedAt });

/** Every feature of the catalog as the domain reads it, by key (what the catalog cache loads). */
export async function listCatalogFeatures(db: Queryable): Promise<Feature[]> {
  const rows = await db.select({ key: features.key, name: features.name, kind: features.kind, unit: features.unit, description: features.description }).from(features).orderBy(asc(features.key));
  return rows.map(toFeature);
}

/** Every feature of the catalog with its timestamps, by key. */
export async function listFeatureRecords(db: Queryable): Promise<FeatureRecord[]> {
  return (await db.select().from(features).orderBy(asc(features.key))).map(toRecord);
}

/** One feature by key, or null. */
export async function findFeatureRecord(db: Queryable, key: string): Promise<FeatureRecord | null> {
  const rows = await db.select().from(features).where(eq(features.key, key)).limit(1);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Inserts a feature; a key that exists is a CONFLICT. */
export async function insertFeature(db: Queryable, feature: Feature): Promise<FeatureRecord> {
  try {
    const rows = await db.insert(features).values({ ...feature, unit: feature.unit ?? null, description: feature.description ?? null }).returning();
    return toRecord(rows[0]!);
  } catch (err) {
    if (postgresErrorOf(err)?.code === UNIQUE_VIOLATION) throw new TenureError('CONFLICT', `feature '${feature.key}' already exists`, { feature: feature.key });
    throw err;
  }
}

/** Writes a feature's name, unit and description (never its key or kind); null when no feature has the key. */
export async function updateFeatureRecord(db: Queryable, feature: Feature): Promise<FeatureRecord | null> {
  const rows = await db.update(features)
    .set({ name: feature.name, unit: feature.unit ?? null, description: feature.description ?? null, updatedAt: new Date() })
    .where(eq(features.key, feature.key)).returning();
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Deletes a feature; false when no feature has the key. An override naming it makes Postgres refuse (on delete restrict). */
export async function deleteFeatureRecord(db: Queryable, key: string): Promise<boolean> {
  const rows = await db.delete(features).where(eq(features.key, key)).returning({ key: features.key });
  return rows.length > 0;
}

/** Locks the named features for share until the transaction ends (a plan write that names them), and returns those that exist. */
export async function lockFeatures(tx: Tx, keys: readonly string[]): Promise<Feature[]> {
  if (keys.length === 0) return [];
  const rows = await tx.select().from(features).where(inArray(features.key, [...keys])).orderBy(asc(features.key)).for('share');
  return rows.map(toFeature);
}

/** Locks one feature for update until the transaction ends (its delete), so no plan write naming it slips in; null when it does not exist. */
export async function lockFeatureForDelete(tx: Tx, key: string): Promise<Feature | null> {
  const rows = await tx.select().from(features).where(eq(features.key, key)).for('update');
  return rows[0] ? toFeature(rows[0]) : null;
}

/** Who names a feature: how many plans (entitlements ? key) and tenant overrides, and the first `limit` ids of each, sorted. */
export interface FeatureUsers { plans: string[]; planCount: number; tenants: string[]; tenantCount: number }

/**
 * The plans (active or not) whose entitlements name the feature, and the tenants whose lifecycle state (as
 * the projection holds it) has an override of it.
 */
export async function findFeatureUsers(db: Queryable, key: string, limit: number): Promise<FeatureUsers> {
  const naming = sql`${plans.entitlements} ? ${key}`;
  const overriding = sql`${tenants.state} -> 'overrides' @> jsonb_build_array(jsonb_build_object('key', ${key}::text))`;
  const [planRows, planCount, tenantRows, tenantCount] = await Promise.all([
    db.select({ id: plans.id }).from(plans).where(naming).orderBy(asc(plans.id)).limit(limit),
    db.$count(plans, naming),
    db.select({ id: tenants.tenantId }).from(tenants).where(overriding).orderBy(asc(tenants.tenantId)).limit(limit),
    db.$count(tenants, overriding),
  ]);
  return { plans: planRows.map((r) => r.id), planCount, tenants: tenantRows.map((r) => r.id), tenantCount };
}
