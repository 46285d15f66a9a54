import { sql } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { DEFAULT_PLANS } from './seed/demo-plans.js';
import type { Db } from './client.js';
import { toPlanValues } from './queries/plan-rows.js';
import { features, plans } from './schema/index.js';
import { SEED_FEATURES } from './seed/demo-features.js';

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies pending migrations; outside production it also seeds the demo feature catalog (a seed
 * feature's name, unit and description are refreshed, never its kind) and then the demo plans that
 * name those features (existing plans are left as they are). Production gets no demo data: its catalog is what the operator defines
 * (docs/plans.md), starting with the `starter` and `free` plans the lifecycle needs.
 */
export async function migrateAndSeed(db: Db, env: 'development' | 'test' | 'production'): Promise<{ seeded: number }> {
  await migrate(db, { migrationsFolder: MIGRATIONS });
  if (env === 'production') return { seeded: 0 };
  await seedDemoFeatures(db);
  const inserted = await db.insert(plans).values(DEFAULT_PLANS.map(toPlanValues)).onConflictDoNothing().returning({ id: plans.id });
  return { seeded: inserted.length };
}

async function seedDemoFeatures(db: Db): Promise<void> {
  const rows = SEED_FEATURES.map((f) => ({ key: f.key, name: f.name, kind: f.kind, unit: f.unit ?? null, description: f.description ?? null }));
  await db.insert(features).values(rows).onConflictDoUpdate({
    target: features.key,
    set: { name: sql`excluded.name`, unit: sql`excluded.unit`, description: sql`excluded.description`, updatedAt: sql`now()` },
  });
}
