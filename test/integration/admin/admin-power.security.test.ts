import { LIMIT_OVERRIDE_REASON } from '../../../domain/entitlements/legacy.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAdminPassword } from '../../../services/admin/passwords.js';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant, workflowState } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Every admin action that removes or reduces access re-authenticates the admin, and five wrong
// passwords in 15 minutes lock the admin out (audited as `locked_out`).

let stack: TestStack;
const PASSWORD = 'correct horse battery staple';
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const adminHeaders = (adminId: string) => bearer(signToken(stack.config.auth.jwtSecret, { sub: adminId, roles: ['platform_admin'] }));
const act = (adminId: string, tenantId: string, path: string, payload: object) =>
  stack.app.inject({ method: 'POST', url: `/admin/tenants/${tenantId}/${path}`, headers: adminHeaders(adminId), payload });
const audit = (tenantId: string) => stack.database.sql`select admin_id, action, outcome, details->>'code' as code from admin_audit where tenant_id = ${tenantId} order by id`;

async function newAdmin(): Promise<string> {
  const id = uid('admin-');
  await setAdminPassword(stack.database.db, id, PASSWORD);
  return id;
}

describe('re-authentication for every action that cuts access', () => {
  it('refuses a suspension without the password or with a wrong one, and applies it with the right one', async () => {
    const [adminId, t] = [await newAdmin(), uid('sus-')];
    await registerTenant(stack, t);
    const without = await act(adminId, t, 'suspend', { reason: 'abuse report' });
    expect(without.statusCode).toBe(400);
    expect(without.json().error.code).toBe('VALIDATION_FAILED');
    const wrong = await act(adminId, t, 'suspend', { reason: 'abuse report', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('REAUTH_FAILED');
    expect((await workflowState(stack, t)).status).toBe('active');
    const right = await act(adminId, t, 'suspend', { reason: 'abuse report', password: PASSWORD });
    expect(right.statusCode).toBe(200);
    expect(right.json().tenant.status).toBe('suspended');
  });

  it('refuses a limit override without the password, and applies it with the right one', async () => {
    const [adminId, t] = [await newAdmin(), uid('lim-')];
    await registerTenant(stack, t);
    const without = await act(adminId, t, 'limits/override', { limits: { campaigns: 0 } });
    expect(without.statusCode).toBe(400);
    const wrong = await act(adminId, t, 'limits/override', { limits: { campaigns: 0 }, password: 'nope nope nope' });
    expect(wrong.json().error.code).toBe('REAUTH_FAILED');
    expect((await workflowState(stack, t)).overrides).toEqual([]);
    const right = await act(adminId, t, 'limits/override', { limits: { campaigns: 0 }, password: PASSWORD });
    expect(right.statusCode).toBe(200);
    expect(right.json().tenant.overrides).toEqual([{ key: 'campaigns', limit: 0, reason: LIMIT_OVERRIDE_REASON, until: null }]);
  });

  it('the CLI reads the password for a suspension and a limit override', async () => {
    const [adminId, t] = [await newAdmin(), uid('clisus-')];
    await registerTenant(stack, t);
    const env = cliEnv(stack.config);
    const refused = await runTenure(['tenants', 'suspend', t, '--reason', 'review', '--admin', adminId, '--password-stdin'], { env, stdin: 'wrong password!\n' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('REAUTH_FAILED');
    expect((await workflowState(stack, t)).status).toBe('active');
    const limited = await runTenure(['tenants', 'limits', 'override', t, '--set', 'seats=1', '--admin', adminId, '--password-stdin'], { env, stdin: `${PASSWORD}\n` });
    expect(limited).toMatchObject({ code: 0, stdout: expect.stringContaining('overrideLimits applied') });
    const suspended = await runTenure(['tenants', 'suspend', t, '--reason', 'review', '--admin', adminId, '--password-stdin'], { env, stdin: `${PASSWORD}\n` });
    expect(suspended).toMatchObject({ code: 0, stdout: expect.stringContaining('status suspended') });
  });
});

describe('admin lock-out after wrong passwords', () => {
  it('locks the admin out at the fifth wrong password, refuses even the right one then, and audits it', async () => {
    const [adminId, other, t] = [await newAdmin(), await newAdmin(), uid('lockout-')];
    await registerTenant(stack, t);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await act(adminId, t, 'lock', { reason: 'x', password: `wrong password ${i}` }));
    expect(answers.slice(0, 4).map((r) => [r.statusCode, r.json().error.code])).toEqual(Array(4).fill([401, 'REAUTH_FAILED']));
    expect([answers[4]!.statusCode, answers[4]!.json().error.code]).toEqual([429, 'REAUTH_LOCKED']);

    const right = await act(adminId, t, 'lock', { reason: 'x', password: PASSWORD });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('REAUTH_LOCKED');
    expect((await workflowState(stack, t)).status).toBe('active');

    const rows = await audit(t);
    expect(rows.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'locked_out', 'locked_out']);
    expect(rows.every((r) => r.admin_id === adminId && r.action === 'lock')).toBe(true);

    // Another admin is not affected.
    const byOther = await act(other, t, 'lock', { reason: 'x', password: PASSWORD });
    expect(byOther.statusCode).toBe(200);
    expect(byOther.json().tenant.status).toBe('locked');
  });

  it('a right password resets the count of wrong ones', async () => {
    const [adminId, t] = [await newAdmin(), uid('reset-')];
    await registerTenant(stack, t);
    for (let i = 0; i < 4; i++) expect((await act(adminId, t, 'suspend', { reason: 'x', password: 'wrong wrong wrong' })).statusCode).toBe(401);
    expect((await act(adminId, t, 'suspend', { reason: 'x', password: PASSWORD })).statusCode).toBe(200);
    expect((await act(adminId, t, 'lock', { reason: 'x', password: 'wrong wrong wrong' })).json().error.code).toBe('REAUTH_FAILED');
  });
});
