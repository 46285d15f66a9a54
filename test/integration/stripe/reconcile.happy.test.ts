import { describe, expect, it } from 'vitest';
import type { TenantState } from '../../../domain/lifecycle/index.js';
import { reconcileSubscriptionsPage } from '../../../services/stripe/reconcile-subscriptions.js';
import { ensureSchedule, stripeReconcileSchedule, stripeReconcileScheduleId } from '../../../workers/schedules.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { useStackBehindStripeProxy } from '../../support/stripe-proxy-stack.js';
import { eventually } from '../../support/wait.js';

// Issue 17, item 5: a subscription whose webhook was never delivered. Stripe's current object (the
// recording proxy answers the retrieve with it, as stateless stripe-mock cannot) differs from the
// tenant's; reconciling feeds it to the lifecycle and the tenant ends where the webhook would have put it.
const ctx = useStackBehindStripeProxy({ env: { STRIPE_RECONCILE_RATE: '50', STRIPE_RECONCILE_CRON: '40 4 * * *' } });
const webhook = async (type: string, object: Record<string, unknown>) => {
  const hook = signed(stripeEvent(uid('evt_'), type, object), ctx.stack.config.stripe.webhookSecret);
  expect((await ctx.stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
};
const deps = () => ({ ...ctx.stack.deps, changes: { counted: [] as string[], inc(l: { field: string }) { this.counted.push(l.field); } } });
const eventsOf = (tenantId: string, type: string) => eventually(async () => {
  const rows = await ctx.stack.database.sql`select id from billing_events where tenant_id = ${tenantId} and type = ${type}`;
  return rows.length > 0 ? rows : undefined;
}, `${type} recorded`);
const outcome = (s: TenantState) => ({ status: s.status, paymentStatus: s.paymentStatus, plan: s.plan.id, subscription: s.subscription && { status: s.subscription.status, cancelAtPeriodEnd: s.subscription.cancelAtPeriodEnd } });

async function subscriber(prefix: string) {
  const tenantId = uid(prefix);
  const subscriptionId = uid('sub_');
  const customer = uid('cus_');
  const start = Date.now() - 86_400_000;
  await registerTenant(ctx.stack, tenantId);
  const object = (f: { status?: string; cancelAtPeriodEnd?: boolean } = {}) => subscriptionObject({ id: subscriptionId, tenantId, customer, periodStart: start, ...f });
  await webhook('customer.subscription.created', object());
  await stateWhere(ctx.stack, tenantId, (s) => s.subscription?.status === 'active', 'the subscription');
  // Stripe's current object for this subscription, whatever webhooks did or did not arrive.
  const stripeSays = (f: { status?: string; cancelAtPeriodEnd?: boolean }) => ctx.proxy.answer({ method: 'GET', pathPrefix: `/v1/subscriptions/${subscriptionId}`, body: object(f) });
  return { tenantId, subscriptionId, object, stripeSays };
}

describe('stripe drift repair', () => {
  it('brings a tenant whose customer.subscription.deleted never arrived to the state the webhook gives', async () => {
    const missed = await subscriber('drift-');
    const delivered = await subscriber('control-');
    missed.stripeSays({ status: 'canceled' });
    delivered.stripeSays({ status: 'canceled' });
    await webhook('customer.subscription.deleted', delivered.object({ status: 'canceled' }));
    const expected = await stateWhere(ctx.stack, delivered.tenantId, (s) => s.subscription?.status === 'canceled', 'the delivered webhook applied');

    const dry = await reconcileSubscriptionsPage(deps(), { afterTenantId: null, dryRun: true });
    expect([dry.checked, dry.failures, dry.nextTenantId]).toEqual([2, [], null]);
    expect(dry.differences).toEqual([{ tenantId: missed.tenantId, subscriptionId: missed.subscriptionId, eventId: expect.stringMatching(/^reconcile_/), fields: [{ field: 'status', tenure: 'active', stripe: 'canceled' }], action: 'dry_run' }]);
    expect((await workflowState(ctx.stack, missed.tenantId)).subscription?.status).toBe('active');

    const run = deps();
    const repaired = await reconcileSubscriptionsPage(run, { afterTenantId: null });
    expect(repaired.differences.map((d) => [d.tenantId, d.action])).toEqual([[missed.tenantId, 'signalled']]);
    expect(run.changes.counted).toEqual(['status']);
    const after = await stateWhere(ctx.stack, missed.tenantId, (s) => s.subscription?.status === 'canceled', 'the repair applied');
    expect(outcome(after)).toEqual(outcome(expected));
    expect(outcome(after)).toMatchObject({ plan: 'free', subscription: { status: 'canceled' } });
    expect(await eventsOf(missed.tenantId, 'subscription.ended')).toHaveLength(1);

    // Once the projection caught up, a second run finds nothing to repair.
    await eventually(async () => {
      const [row] = await ctx.stack.database.sql`select subscription_status from tenants where tenant_id = ${missed.tenantId}`;
      return row?.subscription_status === 'canceled' ? true : undefined;
    }, 'the projection');
    expect((await reconcileSubscriptionsPage(deps(), { afterTenantId: null })).differences).toEqual([]);
  });

  it('applies a missed cancel at period end, and pages through the tenants', async () => {
    const missed = await subscriber('drift-cancel-');
    missed.stripeSays({ cancelAtPeriodEnd: true });
    let afterTenantId: string | null = null;
    const found: string[] = [];
    do {
      const page = await reconcileSubscriptionsPage(deps(), { afterTenantId, limit: 1 });
      found.push(...page.differences.map((d) => d.tenantId));
      afterTenantId = page.nextTenantId;
    } while (afterTenantId !== null);
    expect(found).toContain(missed.tenantId);
    const after = await stateWhere(ctx.stack, missed.tenantId, (s) => s.subscription?.cancelAtPeriodEnd === true, 'the cancel applied');
    expect(outcome(after)).toMatchObject({ plan: 'growth', subscription: { status: 'active', cancelAtPeriodEnd: true } });
    expect(await eventsOf(missed.tenantId, 'subscription.cancelled')).toHaveLength(1);
  });

  it('runs daily on a Temporal Schedule (STRIPE_RECONCILE_CRON), whose workflow repairs the drift', async () => {
    const missed = await subscriber('drift-scheduled-');
    missed.stripeSays({ status: 'past_due' });
    const { config, deps: { temporal } } = ctx.stack;
    expect(await ensureSchedule(temporal, stripeReconcileSchedule(config))).toBe('created');
    const handle = temporal.schedule.getHandle(stripeReconcileScheduleId(config));
    try {
      const described = await handle.describe();
      expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 4, end: 4, step: 1 }], minute: [{ start: 40, end: 40, step: 1 }] });
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reconcileStripeSubscriptionsRun', taskQueue: config.temporal.taskQueue });
      await handle.trigger();
      const after = await stateWhere(ctx.stack, missed.tenantId, (s) => s.subscription?.status === 'past_due', 'the scheduled repair', 60_000);
      expect(outcome(after)).toMatchObject({ plan: 'growth', subscription: { status: 'past_due' } });
    } finally {
      await handle.delete();
    }
  });
});
