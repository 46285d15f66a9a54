import { describe, expect, it } from 'vitest';
import type { TenantStatusView } from '../../services/usage/read-tenant-status.js';
import { runTenure } from '../support/cli.js';
import { useE2E } from '../support/e2e.js';
import { uid } from '../support/ids.js';
import { eventually } from '../support/wait.js';

// `tenure stripe simulate` against the real API process: signed events the webhook accepts and applies.

const tenantId = uid('e2e-sim-');
const e2e = useE2E(() => [tenantId], { DUNNING_RESTRICT_AFTER: '1h', DUNNING_LOCK_AFTER: '2h' });
const headers = () => e2e.headers(['service']);
const status = async () => (await (await fetch(`${e2e.tenure.baseUrl}/internal/tenants/${tenantId}/status`, { headers: headers() })).json()) as TenantStatusView;
const statusWhere = (pred: (s: TenantStatusView) => boolean, what: string) => eventually(async () => { const s = await status(); return pred(s) ? s : undefined; }, what, 20_000);
const simulate = (args: string[], env: Record<string, string> = {}) =>
  runTenure(['stripe', 'simulate', ...args, '--tenant', tenantId, '--url', `${e2e.tenure.baseUrl}/webhooks/stripe`], { env: { DATABASE_URL: e2e.database.url, ...env } });

describe('tenure stripe simulate', () => {
  it('delivers signed subscription and invoice events that the webhook forwards and the workflow applies', async () => {
    expect((await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: headers(), body: JSON.stringify({ tenantId }) })).status).toBe(201);

    const sub = await simulate(['customer.subscription.created', '--plan', 'growth']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/^1\/1 evt_sim_\S+ customer\.subscription\.created -> 200 \{"received":true,"outcome":"forwarded"\}$/m);
    await statusWhere((s) => s.plan.id === 'growth', 'the growth plan');

    const failed = await simulate(['invoice.payment_failed', '--times', '3', '--invoice', `in_sim_${tenantId}`]);
    expect(failed.code).toBe(0);
    expect(failed.stdout.trim().split('\n')).toEqual([1, 2, 3].map((n) => expect.stringMatching(new RegExp(`^${n}/3 evt_sim_\\S+ invoice\\.payment_failed \\(in_sim_${tenantId}, attempt ${n}\\) -> 200 .*"forwarded"`))));
    expect((await statusWhere((s) => s.paymentStatus === 'past_due', 'past_due')).access).toBe('full');
    const rows = await e2e.database.sql`select status, tenant_id, payload->'data'->'object'->>'attempt_count' as attempt from stripe_events where type = 'invoice.payment_failed' order by stripe_created_at`;
    expect(rows.map((r) => [r.status, r.tenant_id, r.attempt])).toEqual([['forwarded', tenantId, '1'], ['forwarded', tenantId, '2'], ['forwarded', tenantId, '3']]);
    // The customer mapping learnt from the first event is what later simulations reuse.
    const [mapping] = await e2e.database.sql`select customer_id from stripe_customers where tenant_id = ${tenantId}`;
    expect(mapping?.customer_id).toBe(`cus_sim_${tenantId}`);

    const paid = await simulate(['invoice.paid', '--invoice', `in_sim_${tenantId}`]);
    expect(paid.code).toBe(0);
    expect((await statusWhere((s) => s.paymentStatus === 'active', 'active after the renewal')).access).toBe('full');

    const deleted = await simulate(['customer.subscription.deleted']);
    expect(deleted.code).toBe(0);
    await statusWhere((s) => s.plan.id === 'free', 'back on free after the subscription ended');

    // stripe-mock answers the webhook's retrieval of the new subscription; the plan comes from the session.
    const checkout = await simulate(['checkout.session.completed', '--plan', 'growth', '--subscription', `sub_sim_${tenantId}_2`]);
    expect(checkout.code).toBe(0);
    expect(checkout.stdout).toContain('"outcome":"forwarded"');
    await statusWhere((s) => s.plan.id === 'growth', 'growth again after checkout');
  });

  it('exits 1 and prints the answer when the webhook refuses the event', async () => {
    const res = await simulate(['invoice.paid'], { STRIPE_WEBHOOK_SECRET: 'whsec_not_the_right_one' });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/-> 400 .*INVALID_SIGNATURE/);
  });

  it('says so when nothing listens at the URL', async () => {
    const res = await runTenure(['stripe', 'simulate', 'invoice.paid', '--tenant', tenantId, '--url', 'http://127.0.0.1:1/webhooks/stripe'], { env: { DATABASE_URL: e2e.database.url } });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('could not reach http://127.0.0.1:1/webhooks/stripe');
  });
});
