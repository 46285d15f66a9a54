import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { DEFAULT_PLANS } from '../domain/plans/catalog.js';
import type { Db } from './client.js';
import { plans } from './schema/index.js';

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies pending migrations and seeds the default plan catalog (existing plans are left as they are). */
export async function migrateAndSeed(db: Db): Promise<{ seeded: number }> {
  await migrate(db, { migrationsFolder: MIGRATIONS });
  const inserted = await db.insert(plans).values(DEFAULT_PLANS.map((p) => ({ ...p }))).onConflictDoNothing().returning({ id: plans.id });
  return { seeded: inserted.length };
}
