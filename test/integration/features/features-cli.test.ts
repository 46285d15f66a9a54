import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runTenure } from '../../support/cli.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { asAdmin } from './feature-helpers.js';

// `tenure features` as an operator runs it (a separate process), against a real database.

let stack: TestStack;
let env: Record<string, string>;
beforeAll(async () => { stack = await startTestStack({ worker: false }); env = cliEnv(stack.config); });
afterAll(async () => { await stack?.close(); });

const tenure = (...args: string[]) => runTenure(args, { env });

describe('tenure features', () => {
  it('creates a feature the API then serves, lists it, and deletes it', async () => {
    const created = await tenure('features', 'create', 'storage_mb', '--name', 'Storage', '--kind', 'gauge', '--unit', 'MB');
    expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining('created feature storage_mb (gauge): Storage [MB]') });
    expect((await asAdmin(stack, 'GET', '/storage_mb')).json()).toMatchObject({ key: 'storage_mb', kind: 'gauge', unit: 'MB' });

    const listed = await tenure('features', 'list', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { features: { key: string }[] }).features.map((f) => f.key)).toContain('storage_mb');
    expect((await tenure('features', 'list')).stdout).toMatch(/storage_mb\s+gauge\s+Storage\s+MB/);

    expect(await tenure('features', 'delete', 'storage_mb')).toMatchObject({ code: 0, stdout: expect.stringContaining('deleted feature storage_mb') });
    expect((await asAdmin(stack, 'GET', '/storage_mb')).statusCode).toBe(404);
  });

  it('fails with the error code (exit 1) on a duplicate key and on a feature in use', async () => {
    expect((await tenure('features', 'create', 'sso', '--name', 'SSO', '--kind', 'boolean')).code).toBe(0);
    expect(await tenure('features', 'create', 'sso', '--name', 'SSO', '--kind', 'boolean')).toMatchObject({ code: 1, stderr: expect.stringContaining('error: CONFLICT') });
    await stack.database.sql`insert into plans (id, name, rank, price_monthly_cents, entitlements) values ('cli-sso', 'SSO plan', 95, 0, ${JSON.stringify({ sso: { enabled: true } })}::jsonb)`;
    const refused = await tenure('features', 'delete', 'sso');
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('error: FEATURE_IN_USE') });
    expect(refused.stderr).toContain('"plans":["cli-sso"]');
  });
});
