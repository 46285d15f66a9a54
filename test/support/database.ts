import postgres from 'postgres';
import { createDb, type DbHandle } from '../../db/client.js';
import { migrateAndSeed } from '../../db/migrate.js';
import { uid } from './ids.js';

export interface TestDatabase extends DbHandle { url: string; name: string; drop(): Promise<void> }

/** Creates a fresh database for one test file, migrated and seeded as `env` would be; drop() removes it. */
export async function createTestDatabase(baseUrl: string, env: 'development' | 'test' | 'production' = 'test'): Promise<TestDatabase> {
  const database = await createEmptyDatabase(baseUrl);
  await migrateAndSeed(database.db, env);
  return database;
}

/** Creates a fresh database with nothing in it (for a test that migrates it itself); drop() removes it. */
export async function createEmptyDatabase(baseUrl: string): Promise<TestDatabase> {
  const name = uid('tenure_test_');
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = createDb({ url: url.toString(), poolSize: 5 });
  return {
    ...handle, url: url.toString(), name,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
