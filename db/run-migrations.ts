// Entry point: `npm run db:migrate` migrates the configured database; outside production it also
// seeds the demo plan catalog (NODE_ENV=production seeds nothing).
import { loadConfig } from '../config/config.js';
import { createDb } from './client.js';
import { migrateAndSeed } from './migrate.js';

const config = loadConfig();
const handle = createDb({ url: config.db.url, poolSize: 1 });
try {
  const { seeded } = await migrateAndSeed(handle.db, config.env);
  process.stdout.write(config.env === 'production' ? '    database migrated (production: no demo plans seeded)\n' : `    database migrated; ${seeded} demo plan(s) seeded\n`);
} finally {
  await handle.close();
}
