import { chmodSync, lstatSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runBash } from '../../support/dev-scripts.js';
import { freePort } from '../../support/processes.js';

// Issue 10, item 3: a clone whose parent folder is mode 0700 (as `mktemp -d` and /root are). As root,
// Postgres runs as the `postgres` user, which cannot enter such a folder: initdb failed with
// "could not change directory ... Permission denied". This stack lives in such a folder, on a port of its own.
const parent = mkdtempSync(join(tmpdir(), 'tenure-private-'));
chmodSync(parent, 0o700);
const stackDir = join(parent, 'tenure', '.stack');
let env: Record<string, string> = {};

afterAll(async () => {
  await runBash(['dev/stack', 'stop', 'postgres'], env);
  const link = join(stackDir, 'postgres');
  let external: string | null = null;
  try { if (lstatSync(link).isSymbolicLink()) external = realpathSync(link); } catch { /* never created */ }
  // The data folder outside the clone is named by a hash of the stack's path: remove it with the clone.
  if (external) rmSync(dirname(external), { recursive: true, force: true });
  rmSync(parent, { recursive: true, force: true });
});

describe('dev/stack in a clone under a private (0700) folder', () => {
  it('starts Postgres, and the tenure database answers queries', async () => {
    const port = await freePort();
    env = { TENURE_STACK_DIR: stackDir, TENURE_PG_PORT: String(port) };
    // Run from inside the private folder, as a user of that clone would.
    const up = await runBash([join(ROOT, 'dev/stack'), 'up', 'postgres'], env, 120_000, parent);
    expect(up.stderr).not.toContain('Permission denied');
    expect(up.stdout).not.toContain('Permission denied');
    expect(up.code).toBe(0);

    const sql = postgres(`postgres://tenure:tenure@127.0.0.1:${port}/tenure`, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ db: string }[]>`select current_database() as db`;
      expect(row!.db).toBe('tenure');
    } finally {
      await sql.end();
    }
  });
});
