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

  it('refuses a --ttl above the cap (JWT_MAX_TTL, or JWT_SERVICE_MAX_TTL for a service token) with exit code 2', async () => {
    const env = cliEnv(stack.config);
    const tooLong = await runTenure(['token', '--role', 'platform_admin', '--ttl', '25h'], { env });
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('JWT_MAX_TTL');
    expect(tooLong.stdout).toBe('');
    const service = await runTenure(['token', '--role', 'service', '--ttl', '31d'], { env });
    expect(service.code).toBe(2);
    expect(service.stderr).toContain('JWT_SERVICE_MAX_TTL');
    expect((await runTenure(['token', '--role', 'platform_admin', '--ttl', '2h'], { env: { ...env, JWT_MAX_TTL: '1h' } })).code).toBe(2);
    const week = await runTenure(['token', '--role', 'service', '--ttl', '7d'], { env });
    expect(week.code).toBe(0);
    const ok = await stack.app.inject({ method: 'GET', url: '/internal/tenants/nobody/status', headers: { authorization: `Bearer ${week.stdout.trim()}` } });
    expect(ok.statusCode).toBe(404);
  });

  it('sets iss and aud from JWT_ISSUER and JWT_AUDIENCE, so an API that checks them accepts the token', async () => {
    const pinnedEnv = { JWT_ISSUER: 'https://auth.tenure.test', JWT_AUDIENCE: 'tenure-api' };
    const pinned = await startTestStack({ worker: false, env: pinnedEnv });
    try {
      const minted = await runTenure(['token', '--role', 'platform_admin'], { env: cliEnv(pinned.config, pinnedEnv) });
      expect(minted.code).toBe(0);
      const res = await pinned.app.inject({ method: 'GET', url: '/admin/tenants', headers: { authorization: `Bearer ${minted.stdout.trim()}` } });
      expect(res.statusCode).toBe(200);
    } finally {
      await pinned.close();
    }
  });
});
