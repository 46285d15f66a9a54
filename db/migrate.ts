import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { DEFAULT_PLANS } from './seed/demo-plans.js';
import type { Db } from './client.js';
import { toPlanValues } from './queries/plan-rows.js';
import { plans } from './schema/index.js';

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies pending migrations; outside production it also seeds the demo plan catalog (existing plans
 * are left as they are). Production gets no demo data: its catalog is what the operator defines
 * (docs/plans.md), starting with the `starter` and `free` plans the lifecycle needs.
 */
export async function migrateAndSeed(db: Db, env: 'development' | 'test' | 'production'): Promise<{ seeded: number }> {
  await migrate(db, { migrationsFolder: MIGRATIONS });
  if (env === 'production') return { seeded: 0 };
  const inserted = await db.insert(plans).values(DEFAULT_PLANS.map(toPlanValues)).onConflictDoNothing().returning({ id: plans.id });
  return { seeded: inserted.length };
}
