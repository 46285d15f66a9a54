// Issue 12: the five metrics Tenure once compiled in are the development seed now, not vocabulary.
// Nothing in the product's code may name them; only db/seed/ (and tests) do.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PRODUCT = ['domain', 'activities', 'services', 'api', 'web', 'client', 'workflows', 'workers'];
const SEED_METRICS = /\b(referred_users|campaigns|seats|leaderboard_entries|email_sends)\b/;

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) return filesUnder(rel);
    return /\.(ts|mjs|js|html|css|md)$/.test(name) ? [rel] : [];
  });
}

describe('the seed metrics', () => {
  it('are named nowhere in the product code, only in the development seed', () => {
    const naming = PRODUCT.flatMap(filesUnder).flatMap((file) => readFileSync(join(ROOT, file), 'utf8').split('\n')
      .flatMap((line, i) => (SEED_METRICS.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])));
    expect(naming).toEqual([]);
  });

  it('are what the development seed declares', () => {
    const seed = readFileSync(join(ROOT, 'db/seed/demo-features.ts'), 'utf8');
    for (const key of ['referred_users', 'campaigns', 'seats', 'leaderboard_entries', 'email_sends']) expect(seed).toContain(`key: '${key}'`);
  });
});
