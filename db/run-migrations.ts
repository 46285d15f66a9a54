// Entry point: `npm run db:migrate` migrates the configured database and seeds the default catalog.
import { loadConfig } from '../config/config.js';
import { createDb } from './client.js';
import { migrateAndSeed } from './migrate.js';

const config = loadConfig();
const handle = createDb({ url: config.db.url, poolSize: 1 });
try {
  const { seeded } = await migrateAndSeed(handle.db);
  process.stdout.write(`    database migrated; ${seeded} default plan(s) seeded\n`);
} finally {
  await handle.close();
}
