import { describe, expect, it } from 'vitest';
import { setAdminPassword } from '../../../services/admin/passwords.js';
import { workflowIdOf } from '../../../workflows/messages.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { invoiceObject, signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { useStackBehindStripeProxy } from '../../support/stripe-proxy-stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { eventually } from '../../support/wait.js';

// Issue 17, item 4: closing an account cancels its subscription in Stripe, publishes tenant.closed,
// cuts access to none, keeps the audit rows, and ends the lifecycle (completed, not failed or
// terminated); a webhook for it afterwards is stored and ignored, and the id cannot register again.
const ctx = useStackBehindStripeProxy();
const PASSWORD = 'close-the-account-password';
const admin = () => bearer(signToken(ctx.stack.config.auth.jwtSecret, { sub: 'admin-close', roles: ['platform_admin'] }));
const service = () => bearer(signToken(ctx.stack.config.auth.jwtSecret, { sub: 'svc', roles: ['service'] }));
const act = (tenantId: string, path: string, payload?: object) => ctx.stack.app.inject({ method: 'POST', url: `/admin/tenants/${tenantId}/${path}`, headers: admin(), ...(payload ? { payload } : {}) });
const webhook = async (type: string, object: Record<string, unknown>, createdMs = Date.now()) => {
  const id = uid('evt_');
  const hook = signed(stripeEvent(id, type, object, createdMs), ctx.stack.config.stripe.webhookSecret);
  const res = await ctx.stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers });
  expect(res.statusCode).toBe(200);
  return id;
};
const workflowStatus = async (tenantId: string) => (await ctx.stack.deps.temporal.workflow.getHandle(workflowIdOf(tenantId)).describe()).status.name;
const eventTypes = async (tenantId: string) => (await ctx.stack.database.sql`select type from billing_events where tenant_id = ${tenantId} order by seq`).map((r) => r.type as string);

async function subscriber() {
  const tenantId = uid('close-');
  const subscriptionId = uid('sub_');
  const customer = uid('cus_');
  await setAdminPassword(ctx.stack.database.db, 'admin-close', PASSWORD);
  await registerTenant(ctx.stack, tenantId);
  await webhook('customer.subscription.created', subscriptionObject({ id: subscriptionId, tenantId, customer }));
  await stateWhere(ctx.stack, tenantId, (s) => s.subscription?.status === 'active', 'the subscription');
  return { tenantId, subscriptionId, customer };
}

describe('closing an account', () => {
  it('now: cancels the subscription, access none, tenant.closed, audit rows, and the lifecycle completes', async () => {
    const { tenantId, subscriptionId, customer } = await subscriber();
    expect((await act(tenantId, 'close', { reason: 'customer asked', effective: 'now' })).statusCode).toBe(400);
    const wrong = await act(tenantId, 'close', { reason: 'customer asked', effective: 'now', password: 'wrong' });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([401, 'REAUTH_FAILED']);

    const res = await act(tenantId, 'close', { reason: 'customer asked', effective: 'now', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().tenant).toMatchObject({ status: 'closed', statusReason: 'customer asked', closure: { effective: 'now', actor: 'admin-close' } });
    expect(ctx.proxy.seen.filter((r) => r.method === 'DELETE' && r.path.startsWith(`/v1/subscriptions/${subscriptionId}`))).toHaveLength(1);

    await eventually(async () => ((await workflowStatus(tenantId)) === 'COMPLETED' ? true : undefined), 'the lifecycle completes');
    const status = (await ctx.stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: service() })).json();
    expect([status.status, status.access]).toEqual(['closed', 'none']);
    const consume = await ctx.stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers: service(), payload: { metric: 'campaigns' } });
    expect([consume.statusCode, consume.json().error.code]).toEqual([409, 'TENANT_CLOSED']);
    expect(await eventTypes(tenantId)).toEqual(expect.arrayContaining(['tenant.created', 'subscription.created', 'subscription.ended', 'tenant.closed']));
    const audit = await ctx.stack.database.sql`select action, reason, outcome from admin_audit where tenant_id = ${tenantId} order by id`;
    expect(audit.map((r) => [r.action, r.outcome])).toEqual([['close', 'rejected'], ['close', 'applied']]);

    // Afterwards: a webhook is stored and ignored with its reason; the id cannot register a fresh trial.
    const late = await webhook('invoice.paid', invoiceObject(uid('in_'), { tenantId, customer, subscription: subscriptionId }));
    const [stored] = await ctx.stack.database.sql`select status, reason, tenant_id from stripe_events where id = ${late}`;
    expect(stored).toEqual({ status: 'ignored', reason: 'tenant_closed', tenant_id: tenantId });
    const again = await ctx.stack.app.inject({ method: 'POST', url: '/tenants', headers: service(), payload: { tenantId } });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'TENANT_CLOSED']);
    expect(await workflowStatus(tenantId)).toBe('COMPLETED');
    const other = await act(tenantId, 'suspend', { reason: 'x', password: PASSWORD });
    expect([other.statusCode, other.json().error.code]).toEqual([409, 'TENANT_CLOSED']);
    // Nor can its owner buy a new subscription: Stripe would charge an account whose webhooks are ignored.
    const owner = bearer(signToken(ctx.stack.config.auth.jwtSecret, { sub: 'owner-1', roles: ['tenant_owner'], tenantId }));
    const checkout = await ctx.stack.app.inject({ method: 'POST', url: '/billings/subscription/checkout', headers: owner, payload: { planId: 'growth', successUrl: new URL('/billing?ok', ctx.stack.config.http.publicUrl).href, cancelUrl: new URL('/billing', ctx.stack.config.http.publicUrl).href } });
    expect([checkout.statusCode, checkout.json().error.code]).toEqual([409, 'TENANT_CLOSED']);
    expect(ctx.proxy.seen.filter((r) => r.path.startsWith('/v1/checkout/sessions'))).toEqual([]);
  });

  it('at period end: cancels at period end, keeps access, and closes on subscription.deleted', async () => {
    const { tenantId, subscriptionId, customer } = await subscriber();
    const res = await act(tenantId, 'close', { reason: 'moving on', effective: 'period_end', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().tenant).toMatchObject({ status: 'active', closure: { effective: 'period_end', closedAt: null }, subscription: { cancelAtPeriodEnd: true } });
    const update = ctx.proxy.seen.find((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscriptionId}`)!;
    expect(new URLSearchParams(update.body).get('cancel_at_period_end')).toBe('true');
    expect(await workflowStatus(tenantId)).toBe('RUNNING');
    expect((await act(tenantId, 'close', { reason: 'again', effective: 'period_end', password: PASSWORD })).json().error.code).toBe('INVALID_TRANSITION');

    // Stripe ends a subscription that cancels at period end at that time, so its event is created then.
    const periodEnd = res.json().tenant.closure.closesAt as number;
    await webhook('customer.subscription.deleted', subscriptionObject({ id: subscriptionId, tenantId, customer, status: 'canceled', cancelAtPeriodEnd: true }), periodEnd);
    await eventually(async () => ((await workflowStatus(tenantId)) === 'COMPLETED' ? true : undefined), 'the lifecycle completes');
    const [row] = await ctx.stack.database.sql`select status, access, subscription_status from tenants where tenant_id = ${tenantId}`;
    expect(row).toEqual({ status: 'closed', access: 'none', subscription_status: 'canceled' });
    expect((await eventTypes(tenantId)).slice(-3)).toEqual(['subscription.cancelled', 'subscription.ended', 'tenant.closed']);
  });
});

describe('erasing a closed account', () => {
  it('refuses an open account, then removes names and emails from the projection and the audit payloads, keeping ids', async () => {
    const { tenantId, subscriptionId, customer } = await subscriber();
    // A paid invoice as Stripe sends it, with the customer's email: kept raw in stripe_events.
    await webhook('invoice.paid', { ...invoiceObject(uid('in_'), { tenantId, customer, subscription: subscriptionId }), customer_email: 'erika@example.test', customer_name: 'Erika Mustermann' });
    const early = await act(tenantId, 'erase');
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'TENANT_NOT_CLOSED']);
    // A billing contact with an address and a tax id: personal data in the projection's columns, the state and an event.
    const owner = bearer(signToken(ctx.stack.config.auth.jwtSecret, { sub: 'owner-1', roles: ['tenant_owner'], tenantId }));
    const contact = { name: 'Erika Mustermann', email: 'erika@example.test', address: { line1: 'Hauptstrasse 1', line2: null, city: 'Berlin', postalCode: '10115', state: null, country: 'DE' }, taxId: { type: 'eu_vat', value: 'DE987654321' } };
    expect((await ctx.stack.app.inject({ method: 'PUT', url: '/billings/contact', headers: owner, payload: contact })).statusCode).toBe(200);
    expect((await act(tenantId, 'close', { reason: 'gdpr request', effective: 'now', password: PASSWORD })).statusCode).toBe(200);
    await eventually(async () => ((await workflowStatus(tenantId)) === 'COMPLETED' ? true : undefined), 'the lifecycle completes');

    const erased = await act(tenantId, 'erase');
    expect(erased.statusCode).toBe(200);
    const body = erased.json();
    expect(body).toMatchObject({ tenantId, removed: { fields: ['address', 'customer_email', 'customer_name', 'email', 'name', 'taxId'] } });
    expect(body.removed.projectionValues).toBeGreaterThanOrEqual(2);
    expect(body.removed.auditValues).toBeGreaterThanOrEqual(1);
    expect(body.kept.fields).toContain('tenantId');

    const [row] = await ctx.stack.database.sql`select email, name, billing_address, tax_id, stripe_subscription_id, state->>'email' as state_email, state->>'address' as state_address, state->>'taxId' as state_tax_id from tenants where tenant_id = ${tenantId}`;
    expect(row).toEqual({ email: null, name: null, billing_address: null, tax_id: null, stripe_subscription_id: subscriptionId, state_email: null, state_address: null, state_tax_id: null });
    const [contactEvent] = await ctx.stack.database.sql`select data from billing_events where tenant_id = ${tenantId} and type = 'tenant.contact_updated'`;
    expect(JSON.stringify(contactEvent!.data)).not.toMatch(/Erika|erika@|Hauptstrasse|DE987654321/);
    const webhooks = await ctx.stack.database.sql`select payload from stripe_events where tenant_id = ${tenantId}`;
    expect(webhooks.length).toBeGreaterThan(0);
    expect(JSON.stringify(webhooks.map((w) => w.payload))).not.toMatch(/Erika|erika@/);
    const [created] = await ctx.stack.database.sql`select data from billing_events where tenant_id = ${tenantId} and type = 'tenant.created'`;
    expect(created!.data).toMatchObject({ email: null, planId: 'starter' });
    const [ended] = await ctx.stack.database.sql`select data from billing_events where tenant_id = ${tenantId} and type = 'subscription.ended'`;
    expect(ended!.data).toMatchObject({ subscriptionId });

    const repeat = (await act(tenantId, 'erase')).json();
    expect(repeat.removed).toEqual({ fields: [], projectionValues: 0, auditValues: 0 });
    expect((await eventTypes(tenantId)).filter((t) => t === 'tenant.erased')).toHaveLength(1);
  });
});
