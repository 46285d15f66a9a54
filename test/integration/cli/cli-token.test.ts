import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

describe('tenure token', () => {
  it('mints a token the API accepts, scoped to the tenant and role asked for', async () => {
    const tenantId = uid('tok-');
    await registerTenant(stack, tenantId);
    const env = cliEnv(stack.config, { JWT_SECRET: stack.config.auth.jwtSecret });
    const minted = await runTenure(['token', '--role', 'tenant_user', '--tenant', tenantId, '--ttl', '10m'], { env });
    expect(minted.code).toBe(0);
    const token = minted.stdout.trim();
    const ok = await stack.app.inject({ method: 'GET', url: '/billings/subscription', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().tenantId).toBe(tenantId);
    const forbidden = await stack.app.inject({ method: 'POST', url: '/billings/subscription/cancel', headers: { authorization: `Bearer ${token}` }, payload: {} });
    expect(forbidden.statusCode).toBe(403);
  });

  it('refuses a tenant role without a tenant, and an unknown role, with exit code 2', async () => {
    const env = cliEnv(stack.config);
    const noTenant = await runTenure(['token', '--role', 'tenant_owner'], { env });
    expect(noTenant.code).toBe(2);
    expect(noTenant.stderr).toContain('--tenant is required');
    expect((await runTenure(['token', '--role', 'root'], { env })).code).toBe(2);
  });
});
