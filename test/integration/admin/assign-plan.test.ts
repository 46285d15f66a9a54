import { describe, expect, it } from 'vitest';
import { setAdminPassword } from '../../../services/admin/passwords.js';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { useStackBehindStripeProxy } from '../../support/stripe-proxy-stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { adminHeaders, planBody } from '../plans/plan-helpers.js';

// Issue 13, item 4: POST /admin/tenants/:id/plan assigns a plan without a card checkout. A
// manualInvoicing plan subscribes with collection_method send_invoice and the plan's days_until_due;
// it re-authenticates with the admin's password like the access-cutting overrides.
const ctx = useStackBehindStripeProxy();
const PASSWORD = 'assign-the-plan-password';
const ADMIN = 'admin-assign';
const admin = () => bearer(signToken(ctx.stack.config.auth.jwtSecret, { sub: ADMIN, roles: ['platform_admin'] }));
const assign = (tenantId: string, payload: object) => ctx.stack.app.inject({ method: 'POST', url: `/admin/tenants/${tenantId}/plan`, headers: admin(), payload });
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));
const created = () => ctx.proxy.seen.filter((r) => r.method === 'POST' && r.path === '/v1/subscriptions').map((r) => form(r.body));
const audit = (tenantId: string) => ctx.stack.database.sql`select admin_id, action, outcome, details->>'code' as code from admin_audit where tenant_id = ${tenantId} order by id`;

/** A tenant on its trial and an enterprise plan bound to it, invoiced manually. */
async function enterpriseTenant(plan: Record<string, unknown> = {}) {
  await setAdminPassword(ctx.stack.database.db, ADMIN, PASSWORD);
  const tenantId = uid('ent-');
  const planId = uid('ent-plan-').toLowerCase();
  const res = await ctx.stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(ctx.stack), payload: planBody(planId, { tenantId, manualInvoicing: true, stripePriceId: 'price_enterprise_monthly', ...plan }) });
  expect(res.statusCode, res.body).toBe(201);
  await registerTenant(ctx.stack, tenantId);
  return { tenantId, planId };
}

describe('POST /admin/tenants/:id/plan', () => {
  it('subscribes a manualInvoicing plan with send_invoice and the default 30 days until due, and the tenant moves to it', async () => {
    const { tenantId, planId } = await enterpriseTenant();
    const res = await assign(tenantId, { planId, effective: 'now', password: PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().subscription).toMatchObject({ planId, priceId: 'price_enterprise_monthly' });
    const requests = created();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ 'items[0][price]': 'price_enterprise_monthly', collection_method: 'send_invoice', days_until_due: '30', 'metadata[tenantId]': tenantId, 'metadata[planId]': planId });
    expect(requests[0]).not.toHaveProperty('trial_end');
    const state = await stateWhere(ctx.stack, tenantId, (s) => s.plan.id === planId, 'the assigned plan');
    expect(state.trial).toBeNull();
    expect(state.subscription?.planId).toBe(planId);
    expect((await audit(tenantId)).map((r) => [r.action, r.outcome])).toEqual([['assignPlan', 'applied']]);
  });

  it('uses the plan\'s own daysUntilDue, and with effective "period_end" lets the trial finish first', async () => {
    const { tenantId, planId } = await enterpriseTenant({ daysUntilDue: 45 });
    const trialEndsAt = (await workflowState(ctx.stack, tenantId)).trial!.endsAt;
    const res = await assign(tenantId, { planId, effective: 'period_end', password: PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(created()[0]).toMatchObject({ collection_method: 'send_invoice', days_until_due: '45', trial_end: String(Math.floor(trialEndsAt / 1000)) });
  });

  it('a plan without manualInvoicing charges automatically', async () => {
    const { tenantId, planId } = await enterpriseTenant({ manualInvoicing: false });
    expect((await assign(tenantId, { planId, effective: 'now', password: PASSWORD })).statusCode).toBe(200);
    expect(created()[0]).toMatchObject({ collection_method: 'charge_automatically', payment_behavior: 'default_incomplete' });
    expect(created()[0]).not.toHaveProperty('days_until_due');
  });

  it('re-authenticates: no password is refused by the schema, a wrong one is REAUTH_FAILED, audited, and Stripe is not called', async () => {
    const { tenantId, planId } = await enterpriseTenant();
    const missing = await assign(tenantId, { planId, effective: 'now' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const wrong = await assign(tenantId, { planId, effective: 'now', password: 'not-the-password' });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([401, 'REAUTH_FAILED']);
    expect(created()).toEqual([]);
    expect((await audit(tenantId)).map((r) => [r.action, r.outcome, r.code])).toEqual([['assignPlan', 'rejected', 'REAUTH_FAILED']]);
  });

  it('refuses a version the plan does not have, an unknown plan, a tenant with a live subscription and an effective outside now|period_end, each with its code', async () => {
    const { tenantId, planId } = await enterpriseTenant();
    const versioned = await assign(tenantId, { planId, version: 2, effective: 'now', password: PASSWORD });
    expect([versioned.statusCode, versioned.json().error.code, versioned.json().error.details]).toEqual([404, 'PLAN_NOT_FOUND', { planId, version: 2 }]);
    const unknown = await assign(tenantId, { planId: 'no-such-plan', effective: 'now', password: PASSWORD });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'PLAN_NOT_FOUND']);
    const badEffective = await assign(tenantId, { planId, effective: 'tomorrow', password: PASSWORD });
    expect([badEffective.statusCode, badEffective.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);

    const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ id: uid('sub_'), tenantId, customer: uid('cus_'), priceId: 'price_growth_monthly' })), ctx.stack.config.stripe.webhookSecret);
    expect((await ctx.stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
    await stateWhere(ctx.stack, tenantId, (s) => s.subscription?.status === 'active', 'the card subscription');
    const live = await assign(tenantId, { planId, effective: 'now', password: PASSWORD });
    expect([live.statusCode, live.json().error.code]).toEqual([409, 'CONFLICT']);
    expect(created()).toEqual([]);
  });

  it('the plan\'s checkout stays refused: PLAN_INVOICED_MANUALLY', async () => {
    const { tenantId, planId } = await enterpriseTenant();
    const home = ctx.stack.config.http.publicUrl;
    const owner = bearer(signToken(ctx.stack.config.auth.jwtSecret, { sub: 'owner-1', tenantId, roles: ['tenant_owner'] }));
    const res = await ctx.stack.app.inject({ method: 'POST', url: '/billings/subscription/checkout', headers: owner, payload: { planId, successUrl: `${home}/billing`, cancelUrl: `${home}/billing` } });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'PLAN_INVOICED_MANUALLY']);
  });

  it('is the same use case through tenure tenants plan assign, password from stdin', async () => {
    const { tenantId, planId } = await enterpriseTenant({ daysUntilDue: 14 });
    const env = cliEnv(ctx.stack.config, { STRIPE_API_BASE: ctx.proxy.url, REDIS_KEY_PREFIX: ctx.stack.config.redis.keyPrefix });
    const args = ['tenants', 'plan', 'assign', tenantId, '--plan', planId, '--effective', 'now', '--admin', ADMIN, '--password-stdin'];
    const badEffective = await runTenure([...args.slice(0, 7), 'tomorrow', ...args.slice(8)], { env, stdin: `${PASSWORD}\n` });
    expect([badEffective.code, badEffective.stderr]).toEqual([2, expect.stringContaining("--effective must be one of now, period_end, got 'tomorrow'")]);
    const res = await runTenure(args, { env, stdin: `${PASSWORD}\n` });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^${tenantId} subscribed to ${planId} \\(price_enterprise_monthly\\): subscription sub_\\S+ \\S+, invoiced, due in 14 day\\(s\\)`));
    expect(created()).toHaveLength(1);
    expect(created()[0]).toMatchObject({ collection_method: 'send_invoice', days_until_due: '14', 'metadata[assignedBy]': ADMIN });
    await stateWhere(ctx.stack, tenantId, (s) => s.plan.id === planId, 'the assigned plan');
    expect((await audit(tenantId)).map((r) => [r.admin_id, r.action, r.outcome])).toEqual([[ADMIN, 'assignPlan', 'applied']]);
  }, 90_000);
});
