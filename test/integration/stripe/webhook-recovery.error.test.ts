import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCustomerId } from '../../../db/queries/stripe-customers.js';
import { workflowIdOf } from '../../../workflows/messages.js';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

// Events the webhook could not apply at first: an orphan (no tenant known for its customer) is
// processed again when Stripe redelivers it after the mapping exists, or when an operator replays
// it; an event for a tenant whose lifecycle has ended is stored as ignored, never a fresh trial.

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const deliver = async (event: unknown) => {
  const hook = signed(event, stack.config.stripe.webhookSecret);
  return stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers });
};
const inbox = async (id: string) => (await stack.database.sql`select status, tenant_id, reason from stripe_events where id = ${id}`)[0];
const metric = async (name: string) => (await stack.app.inject({ method: 'GET', url: '/metrics' })).body.split('\n').find((l) => l.startsWith(name));

describe('an orphaned event', () => {
  it('is processed again when Stripe redelivers it after the customer mapping exists', async () => {
    const [t, customer, eventId] = [uid('orph-'), uid('cus_'), uid('evt_')];
    await registerTenant(stack, t);
    const event = stripeEvent(eventId, 'customer.subscription.created', subscriptionObject({ id: uid('sub_'), customer }));
    expect((await deliver(event)).json()).toEqual({ received: true, outcome: 'orphan' });
    expect(await inbox(eventId)).toMatchObject({ status: 'orphan' });

    await saveCustomerId(stack.database.db, t, customer);
    const again = await deliver(event);
    expect(again.json()).toEqual({ received: true, outcome: 'forwarded' });
    expect(await inbox(eventId)).toMatchObject({ status: 'forwarded', tenant_id: t });
    await stateWhere(stack, t, (s) => s.subscription !== null, 'the subscription from the redelivered orphan');
    expect((await deliver(event)).json().outcome).toBe('duplicate');
  });

  it('is re-forwarded by `tenure stripe replay <eventId>`', async () => {
    const [t, customer, eventId] = [uid('replay-'), uid('cus_'), uid('evt_')];
    await registerTenant(stack, t);
    expect((await deliver(stripeEvent(eventId, 'customer.subscription.created', subscriptionObject({ id: uid('sub_'), customer })))).json().outcome).toBe('orphan');
    await saveCustomerId(stack.database.db, t, customer);

    const env = cliEnv(stack.config);
    const replayed = await runTenure(['stripe', 'replay', eventId], { env });
    expect(replayed).toMatchObject({ code: 0, stdout: expect.stringContaining(`${eventId} customer.subscription.created -> forwarded (tenant ${t})`) });
    await stateWhere(stack, t, (s) => s.subscription !== null, 'the subscription from the replayed event');
    expect(await inbox(eventId)).toMatchObject({ status: 'forwarded', tenant_id: t });

    const missing = await runTenure(['stripe', 'replay', 'evt_no_such_event'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND');
  });
});

describe('an event for a tenant whose lifecycle has ended', () => {
  it('is stored as ignored with a reason, counted, and does not start a new lifecycle', async () => {
    const [t, eventId] = [uid('ended-'), uid('evt_')];
    await registerTenant(stack, t);
    await stack.deps.temporal.workflow.getHandle(workflowIdOf(t)).terminate('tenant offboarded');
    const before = await stack.deps.temporal.workflow.getHandle(workflowIdOf(t)).describe();
    expect(before.status.name).toBe('TERMINATED');

    const res = await deliver(stripeEvent(eventId, 'customer.subscription.created', subscriptionObject({ id: uid('sub_'), tenantId: t, customer: uid('cus_') })));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, outcome: 'ignored' });
    expect(await inbox(eventId)).toMatchObject({ status: 'ignored', tenant_id: t, reason: 'lifecycle_ended' });
    const after = await stack.deps.temporal.workflow.getHandle(workflowIdOf(t)).describe();
    expect(after).toMatchObject({ runId: before.runId, status: { name: 'TERMINATED' } });
    expect(await metric('billing_webhooks_ignored_total{reason="lifecycle_ended"}')).toBe('billing_webhooks_ignored_total{reason="lifecycle_ended"} 1');
  });

  it('still reaches a running lifecycle', async () => {
    const t = uid('live-');
    await registerTenant(stack, t);
    const res = await deliver(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ id: uid('sub_'), tenantId: t, customer: uid('cus_') })));
    expect(res.json().outcome).toBe('forwarded');
    expect((await stateWhere(stack, t, (s) => s.subscription !== null, 'subscription')).status).toBe('active');
    expect((await workflowState(stack, t)).tenantId).toBe(t);
  });
});
