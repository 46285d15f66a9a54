import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAdminPassword } from '../../../services/admin/passwords.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

let stack: TestStack;
const PASSWORD = 'correct horse battery staple';
beforeAll(async () => {
  stack = await startTestStack();
  await setAdminPassword(stack.database.db, 'admin-1', PASSWORD);
});
afterAll(async () => { await stack?.close(); });

const admin = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-1', roles: ['platform_admin'] }));
const act = (tenantId: string, path: string, payload: object) => stack.app.inject({ method: 'POST', url: `/admin/tenants/${tenantId}/${path}`, headers: admin(), payload });
const status = async (tenantId: string) => (await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: bearer(signToken(stack.config.auth.jwtSecret, { roles: ['service'] })) })).json();
const audit = (tenantId: string) => stack.database.sql`select admin_id, action, reason, outcome from admin_audit where tenant_id = ${tenantId} order by id`;

describe('admin overrides', () => {
  it('suspends and unsuspends with a reason, and audits both', async () => {
    const t = uid('adm-');
    await registerTenant(stack, t);
    const res = await act(t, 'suspend', { reason: 'abuse report #12', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().tenant).toMatchObject({ status: 'suspended', statusReason: 'abuse report #12' });
    expect((await status(t)).access).toBe('none');
    expect((await act(t, 'unsuspend', { reason: 'resolved' })).json().tenant.status).toBe('active');
    expect(await audit(t)).toEqual([
      { admin_id: 'admin-1', action: 'suspend', reason: 'abuse report #12', outcome: 'applied' },
      { admin_id: 'admin-1', action: 'unsuspend', reason: 'resolved', outcome: 'applied' },
    ]);
  });

  it('locks for a duration and unlocks, each re-authenticated with the admin password', async () => {
    const t = uid('lock-');
    await registerTenant(stack, t);
    const locked = await act(t, 'lock', { reason: 'chargeback', durationSeconds: 3600, password: PASSWORD });
    expect(locked.statusCode).toBe(200);
    expect(locked.json().tenant.status).toBe('locked');
    expect(locked.json().tenant.lockedUntil - Date.now()).toBeGreaterThan(3_500_000);
    const unlocked = await act(t, 'unlock', { password: PASSWORD, reason: 'cleared' });
    expect(unlocked.json().tenant.status).toBe('active');
  });

  it('refuses a wrong password with 401, changes nothing, and audits the refusal', async () => {
    const t = uid('badpw-');
    await registerTenant(stack, t);
    const res = await act(t, 'lock', { reason: 'x', password: 'not the password' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('REAUTH_FAILED');
    expect((await workflowState(stack, t)).status).toBe('active');
    expect(await audit(t)).toEqual([{ admin_id: 'admin-1', action: 'lock', reason: 'x', outcome: 'rejected' }]);
    expect((await act(t, 'lock', { reason: 'x' })).statusCode).toBe(400);
  });

  it('extends the trial, overrides limits, and applies a Stripe coupon to the subscription', async () => {
    const t = uid('ovr-');
    await registerTenant(stack, t);
    const before = await workflowState(stack, t);
    const extended = await act(t, 'trial/extend', { days: 7, reason: 'sales promise' });
    expect(extended.json().tenant.trial.endsAt - before.trial!.endsAt).toBe(7 * 86_400_000);
    const limits = await act(t, 'limits/override', { limits: { campaigns: 10, seats: null }, reason: 'pilot', password: PASSWORD });
    expect(limits.statusCode).toBe(200);
    expect((await status(t)).limits).toMatchObject({ campaigns: 10, seats: null });
    expect((await act(t, 'limits/override', { limits: { campaigns: -1 }, password: PASSWORD })).statusCode).toBe(400);

    const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ tenantId: t, customer: uid('cus_') })), stack.config.stripe.webhookSecret);
    await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers });
    await stateWhere(stack, t, (s) => s.subscription !== null, 'subscription');
    const discount = await act(t, 'discount', { couponId: 'SAVE20', reason: 'retention' });
    expect(discount.statusCode).toBe(200);
    expect(discount.json().tenant.discount.couponId).toBe('SAVE20');
  });

  it('lists tenants with filters and paging, and shows one with its workflow and audit trail', async () => {
    const a = uid('list-');
    const b = uid('list-');
    await registerTenant(stack, a);
    await registerTenant(stack, b);
    await act(b, 'suspend', { reason: 'test', password: PASSWORD });
    await stateWhere(stack, b, (s) => s.status === 'suspended', 'suspended');
    const res = await stack.app.inject({ method: 'GET', url: '/admin/tenants?status=suspended&limit=50', headers: admin() });
    const ids = (res.json().tenants as { tenantId: string }[]).map((x) => x.tenantId);
    expect(ids).toContain(b);
    expect(ids).not.toContain(a);
    const page = await stack.app.inject({ method: 'GET', url: '/admin/tenants?limit=1&offset=0', headers: admin() });
    expect(page.json().tenants).toHaveLength(1);
    expect(page.json().total).toBeGreaterThanOrEqual(2);
    const show = await stack.app.inject({ method: 'GET', url: `/admin/tenants/${b}`, headers: admin() });
    expect(show.json()).toMatchObject({ projection: { tenantId: b }, workflow: { tenantId: b, status: 'suspended' }, audit: [{ action: 'suspend' }] });
    expect((await stack.app.inject({ method: 'GET', url: '/admin/tenants/nobody-here', headers: admin() })).statusCode).toBe(404);
  });
});
