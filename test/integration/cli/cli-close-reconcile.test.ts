import { beforeAll, describe, expect, it } from 'vitest';
import { setAdminPassword } from '../../../services/admin/passwords.js';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { useStackBehindStripeProxy } from '../../support/stripe-proxy-stack.js';

// `tenure stripe reconcile`, `tenure tenants close` and `tenure tenants erase` as an operator runs
// them (separate processes), against the real database, Temporal, and stripe-mock behind the proxy.
const ctx = useStackBehindStripeProxy();
const admin = uid('admin-');
const password = 'close and reconcile';
const tenantId = uid('cli-close-');
const subscriptionId = uid('sub_');
const customer = uid('cus_');
const tenure = (args: string[], stdin?: string) => runTenure(args, { env: cliEnv(ctx.stack.config, { STRIPE_API_BASE: ctx.proxy.url, STRIPE_RECONCILE_RATE: '50' }), stdin });

beforeAll(async () => {
  await setAdminPassword(ctx.stack.database.db, admin, password);
  await registerTenant(ctx.stack, tenantId);
  const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ id: subscriptionId, tenantId, customer })), ctx.stack.config.stripe.webhookSecret);
  await ctx.stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers });
  await stateWhere(ctx.stack, tenantId, (s) => s.subscription?.status === 'active', 'the subscription');
});

describe('tenure stripe reconcile, tenants close and erase', () => {
  it('prints the differences with --dry-run and signals nothing, then closes and erases the tenant', async () => {
    ctx.proxy.answer({ method: 'GET', pathPrefix: `/v1/subscriptions/${subscriptionId}`, body: subscriptionObject({ id: subscriptionId, tenantId, customer, status: 'past_due' }) });
    const dry = await tenure(['stripe', 'reconcile', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/TENANT\s+SUBSCRIPTION\s+FIELD\s+TENURE\s+STRIPE\s+ACTION/);
    expect(dry.stdout).toMatch(new RegExp(`${tenantId}\\s+${subscriptionId}\\s+status\\s+active\\s+past_due\\s+dry_run`));
    expect(dry.stderr).toContain('1 subscription(s) checked, 1 differ (dry run: nothing signalled), 0 failed');
    expect((await workflowState(ctx.stack, tenantId)).subscription?.status).toBe('active');

    expect((await tenure(['tenants', 'close', tenantId, '--reason', 'left', '--effective', 'later', '--admin', admin])).code).toBe(2);
    const closed = await tenure(['tenants', 'close', tenantId, '--reason', 'left', '--effective', 'now', '--admin', admin, '--password-stdin'], `${password}\n`);
    expect(closed).toMatchObject({ code: 0, stdout: expect.stringContaining(`close applied to ${tenantId}: status closed`) });
    expect(closed.stdout).toContain('closed; its lifecycle has ended');

    const erased = await tenure(['tenants', 'erase', tenantId, '--admin', admin]);
    expect(erased).toMatchObject({ code: 0, stdout: expect.stringContaining(`erased ${tenantId}: removed`) });
    expect(erased.stdout).toContain('(email)');
    const [row] = await ctx.stack.database.sql`select email from tenants where tenant_id = ${tenantId}`;
    expect(row).toEqual({ email: null });
  });
});
