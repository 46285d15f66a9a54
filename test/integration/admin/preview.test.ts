import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runTenure } from '../../support/cli.js';
import { uid } from '../../support/ids.js';
import { eventually } from '../../support/wait.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { invoiceObject, signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// POST /admin/tenants/:id/preview on the real stack: the live lifecycle's state run forward with a
// fake clock, and nothing changed.
let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const DAY = 86_400_000;
const admin = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-1', roles: ['platform_admin'] }));
const preview = (tenantId: string, payload: object, headers = admin()) => stack.app.inject({ method: 'POST', url: `/admin/tenants/${tenantId}/preview`, headers, payload });

async function webhook(event: object): Promise<void> {
  const hook = signed(event, stack.config.stripe.webhookSecret);
  expect((await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
}

async function subscribedTenant(ids = { customer: uid('cus_'), subscription: uid('sub_') }): Promise<string> {
  const t = uid('prev-');
  await registerTenant(stack, t);
  await webhook(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ tenantId: t, customer: ids.customer, id: ids.subscription })));
  await stateWhere(stack, t, (s) => s.plan.id === 'growth' && s.subscription !== null && s.trial === null, 'subscribed to growth');
  return t;
}

/** The status once the enforcement record holds the given state version (it is written after the state changes). */
const statusAt = (tenantId: string, version: number) => eventually(async () => { const s = await status(tenantId); return s.version >= version ? s : undefined; }, `status at version ${version}`);
const status = async (tenantId: string) => (await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: bearer(signToken(stack.config.auth.jwtSecret, { roles: ['service'] })) })).json();

describe('what-if preview', () => {
  it('"payment fails now": past_due now, restricted at +7d, locked at +14d, and the tenant is unchanged', async () => {
    const t = await subscribedTenant();
    const before = await workflowState(stack, t);
    const started = Date.now();
    const res = await preview(t, { inputs: [{ type: 'payment_failed' }], until: '20d' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const from = Date.parse(body.from);
    expect(from).toBeGreaterThanOrEqual(started);
    expect(body.timeline.map((s: { at: string; paymentStatus: string; access: string; planId: string }) => [Date.parse(s.at) - from, s.paymentStatus, s.access, s.planId])).toEqual([
      [0, 'past_due', 'full', 'growth'],
      [7 * DAY, 'restricted', 'read_only', 'growth'],
      [14 * DAY, 'locked', 'none', 'growth'],
    ]);
    expect(body.timeline[2].events.map((e: { type: string }) => e.type)).toContain('tenant.locked');
    expect(body).toMatchObject({ tenantId: t, final: { paymentStatus: 'locked', access: 'none' }, truncated: false });
    const after = await workflowState(stack, t);
    expect([after.version, after.paymentStatus, after.pastDueSince]).toEqual([before.version, 'active', null]);
  });

  it('a scheduled downgrade takes effect at the period end; a refused input is reported with its code', async () => {
    const t = await subscribedTenant();
    const state = await workflowState(stack, t);
    const res = await preview(t, { inputs: [{ type: 'cancel_pending_change' }, { type: 'downgrade', planId: 'starter', after: '1h' }], until: '40d' });
    expect(res.statusCode).toBe(200);
    const steps = res.json().timeline as { at: string; input: string; planId: string; refused?: { code: string } }[];
    expect(steps[0]).toMatchObject({ input: 'cancelPendingChange', refused: { code: 'NO_PENDING_CHANGE' } });
    const switched = steps.find((s) => s.planId === 'starter');
    expect(switched && Date.parse(switched.at)).toBe(state.subscription!.currentPeriodEnd);
  });

  it('refuses bad input with a code, and answers 404 for an unknown tenant or plan and 403 without the admin role', async () => {
    const t = await subscribedTenant();
    const codes = async (tenantId: string, payload: object, headers?: { authorization: string }) => {
      const res = await preview(tenantId, payload, headers);
      return [res.statusCode, res.json().error?.code];
    };
    expect(await codes(t, { inputs: [{ type: 'explode' }], until: '1d' })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await codes(t, { inputs: [], until: '500d' })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await codes(t, { inputs: [], until: '2000-01-01T00:00:00Z' })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await codes(t, { inputs: [{ type: 'payment_failed', at: 'tomorrow' }], until: '1d' })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await codes(t, { inputs: [{ type: 'downgrade' }], until: '1d' })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await codes(t, { inputs: [{ type: 'downgrade', planId: 'no-such-plan' }], until: '1d' })).toEqual([404, 'PLAN_NOT_FOUND']);
    expect(await codes(uid('nobody-'), { inputs: [], until: '1d' })).toEqual([404, 'TENANT_NOT_FOUND']);
    expect(await codes(t, { inputs: [], until: '1d' }, bearer(signToken(stack.config.auth.jwtSecret, { roles: ['service'] })))).toEqual([403, 'FORBIDDEN']);
  });

  it('`tenure tenants preview` prints the same timeline as a table, or as JSON', async () => {
    const t = await subscribedTenant();
    const env = cliEnv(stack.config);
    const table = await runTenure(['tenants', 'preview', t, '--input', 'payment_failed', '--until', '20d'], { env });
    expect([table.code, table.stdout.trim().split('\n').map((l) => l.split(/\s{2,}/).slice(1, 6))]).toEqual([0, [
      ['INPUT', 'STATUS', 'PAYMENT', 'ACCESS', 'PLAN'],
      ['stripe', 'active', 'past_due', 'full', 'growth'],
      ['tick', 'active', 'restricted', 'read_only', 'growth'],
      ['tick', 'active', 'locked', 'none', 'growth'],
    ]]);
    const json = await runTenure(['tenants', 'preview', t, '--input', 'downgrade:starter@1h', '--until', '40d', '--json'], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).final).toEqual({ status: 'active', paymentStatus: 'active', access: 'full', planId: 'starter' });
    const bad = await runTenure(['tenants', 'preview', t, '--input', 'explode', '--until', '1d'], { env });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining("--input 'explode'")]);
  });

  it('the internal status says when access or plan next changes: the trial end, then the dunning step', async () => {
    const trial = uid('prev-trial-');
    await registerTenant(stack, trial);
    const trialState = await workflowState(stack, trial);
    expect((await status(trial)).nextTransition).toEqual({ at: new Date(trialState.trial!.endsAt).toISOString(), to: { access: 'full', planId: 'free' }, reason: expect.arrayContaining(['trial.expired']) });

    const ids = { customer: uid('cus_'), subscription: uid('sub_') };
    const t = await subscribedTenant(ids);
    const subscribed = await workflowState(stack, t);
    expect((await statusAt(t, subscribed.version)).nextTransition).toBeNull();
    await webhook(stripeEvent(uid('evt_'), 'invoice.payment_failed', invoiceObject(uid('in_'), { tenantId: t, customer: ids.customer, subscription: ids.subscription })));
    const pastDue = await stateWhere(stack, t, (s) => s.paymentStatus === 'past_due', 'past_due');
    const expected = { at: new Date(pastDue.pastDueSince! + 7 * DAY).toISOString(), to: { access: 'read_only', planId: 'growth' }, reason: ['tenant.payment_status.changed', 'tenant.restricted'] };
    expect((await statusAt(t, pastDue.version)).nextTransition).toEqual(expected);
    // The same answer from the Postgres projection once Redis has lost the tenant.
    await stack.deps.redis.del(`limits:${t}`, `access:${t}`);
    expect((await status(t)).nextTransition).toEqual(expected);
  });
});
