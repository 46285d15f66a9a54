import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../../db/client.js';
import { uid } from '../../support/ids.js';
import { testConfig } from '../../support/config.js';

// Migration 0007 in an environment that already has plans (production): every key the stored plans'
// limits name becomes a catalog feature of the right kind, and each plan's limits become its
// entitlements. The database is migrated to 0006 first, given plans, then migrated to the end.

const MIGRATIONS = fileURLToPath(new URL('../../../db/migrations', import.meta.url));
const name = uid('tenure_test_');
const admin = postgres(testConfig().db.url, { max: 1, onnotice: () => {} });
let handle: DbHandle;
let before0007: string;

/** A copy of the migrations folder whose journal stops before the given tag. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenure-migrations-'));
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const stop = journal.entries.findIndex((e) => e.tag === tag);
  expect(stop).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, stop) }));
  return dir;
}

beforeAll(async () => {
  await admin.unsafe(`create database ${name}`);
  const url = new URL(testConfig().db.url);
  url.pathname = `/${name}`;
  handle = createDb({ url: url.toString(), poolSize: 2 });
  before0007 = migrationsBefore('0007_entitlements');
  await migrate(handle.db, { migrationsFolder: before0007 });
});

afterAll(async () => {
  await handle?.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  if (before0007) rmSync(before0007, { recursive: true, force: true });
});

const LIMITS = { referred_users: 1000, campaigns: 3, seats: null, leaderboard_entries: 50, email_sends: 0 };

describe('migration 0007_entitlements', () => {
  it('creates the features the stored plans name and converts their limits to entitlements', async () => {
    await handle.sql`insert into plans (id, name, rank, price_monthly_cents, limits) values
      ('starter', 'Starter', 10, 2900, ${JSON.stringify(LIMITS)}::jsonb), ('custom', 'Custom', 20, 9900, ${JSON.stringify({ api_calls: 5 })}::jsonb)`;
    await migrate(handle.db, { migrationsFolder: MIGRATIONS });

    const features = await handle.sql`select key, name, kind, unit, description from features order by key`;
    expect(features).toEqual([
      { key: 'api_calls', name: 'Api calls', kind: 'monthly', unit: null, description: null },
      { key: 'campaigns', name: 'Campaigns', kind: 'gauge', unit: null, description: null },
      { key: 'email_sends', name: 'Email sends', kind: 'monthly', unit: null, description: null },
      { key: 'leaderboard_entries', name: 'Leaderboard entries', kind: 'read', unit: null, description: null },
      { key: 'referred_users', name: 'Referred users', kind: 'monthly', unit: null, description: null },
      { key: 'seats', name: 'Seats', kind: 'gauge', unit: null, description: null },
    ]);
    const plans = await handle.sql`select id, limits, entitlements from plans order by id`;
    expect(plans).toEqual([
      { id: 'custom', limits: { api_calls: 5 }, entitlements: { api_calls: { limit: 5 } } },
      { id: 'starter', limits: LIMITS, entitlements: {
        referred_users: { limit: 1000 }, campaigns: { limit: 3 }, seats: { limit: null }, leaderboard_entries: { limit: 50 }, email_sends: { limit: 0 },
      } },
    ]);
  });

  it('leaves limits nullable and defaults a new plan to no entitlements', async () => {
    await handle.sql`insert into plans (id, name, rank, price_monthly_cents) values ('bare', 'Bare', 30, 0)`;
    const [bare] = await handle.sql`select limits, entitlements from plans where id = 'bare'`;
    expect(bare).toEqual({ limits: null, entitlements: {} });
  });
});
