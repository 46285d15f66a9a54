import { describe, expect, it } from 'vitest';
import { runCliOffline } from '../../support/cli.js';

// `tenure features ...` without a database: help, and the usage errors caught before any service runs.

const cli = (...argv: string[]) => runCliOffline(argv);

describe('tenure features', () => {
  it('lists its three commands, each with --help', async () => {
    const group = await cli('features', '--help');
    expect(group.code).toBe(0);
    for (const c of ['features list', 'features create <key>', 'features delete <key>']) expect(group.stdout).toContain(`tenure ${c}`);
    const create = await cli('features', 'create', '--help');
    expect(create).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: tenure features create <key> [options]') });
    expect(create.stdout).toContain('boolean | gauge | monthly | read');
  });

  it('answers a missing name, kind or key, and an unknown kind, with exit code 2 before touching the database', async () => {
    expect(await cli('features', 'create', 'sso', '--kind', 'boolean')).toMatchObject({ code: 2, stderr: expect.stringContaining('--name is required') });
    expect(await cli('features', 'create', 'sso', '--name', 'SSO')).toMatchObject({ code: 2, stderr: expect.stringContaining('--kind is required') });
    expect(await cli('features', 'create', 'sso', '--name', 'SSO', '--kind', 'toggle')).toMatchObject({ code: 2, stderr: expect.stringContaining("--kind must be one of boolean, gauge, monthly, read, got 'toggle'") });
    expect(await cli('features', 'delete')).toMatchObject({ code: 2, stderr: expect.stringContaining("missing required argument 'key'") });
    expect(await cli('features', 'list', '--kind', 'gauge')).toMatchObject({ code: 2, stderr: expect.stringContaining("Run 'tenure features list --help'") });
  });

  it('passes a well-formed command on to the catalog (here: a database that does not answer, exit code 1)', async () => {
    const res = await cli('features', 'list');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^error: /m);
  });
});
