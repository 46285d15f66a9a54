import { describe, expect, inject, it } from 'vitest';
import { recordScenario } from '../support/fault-results.js';
import { useFaultStack } from '../support/faults-app.js';
import { allLifecycles, api, countBy, deliverUntilAccepted, inboxRows, invoiceEventOf, recordedEvents, subscribedTenants } from '../support/faults-traffic.js';
import { uid } from '../support/ids.js';
import { eventually } from '../support/wait.js';

// Temporal stopped (and the API, killed meanwhile, starts again without it): Stripe's deliveries
// are answered 503 with Retry-After (so Stripe retries), and
// once Temporal is back the same deliveries, retried, take effect exactly once.
// A short Temporal deadline (default 10 s), so the deliveries during the outage are answered sooner.
const fs = useFaultStack({ tag: 'temporal', env: { TEMPORAL_CALL_DEADLINE: '3s' } });
const tenants = [uid('ft-tmp-a-'), uid('ft-tmp-b-'), uid('ft-tmp-c-')];

describe('Temporal stopped', () => {
  it('answers webhooks 503 with Retry-After, and applies each retried delivery once', async () => {
    const rec = recordScenario(inject('faultsStackDir'), 'temporal-stopped');
    await subscribedTenants(fs, tenants);
    const failures = tenants.map((t) => invoiceEventOf(t, 'invoice.payment_failed', uid('evt_fail_'), uid('in_')));
    await fs.stopService('temporal');
    rec.faults++;
    // The API crashes during the outage and must start again without Temporal.
    await fs.api.kill('SIGKILL');
    rec.faults++;
    await fs.api.start();
    // Every delivery, and Stripe's first retry of it, while Temporal is down (concurrently: each waits out the deadline).
    const during = await Promise.all([...failures, ...failures].map((f) => api.webhook(fs, f)));
    await fs.startService('temporal');

    // Stripe keeps retrying until a 2xx; then it redelivers once more (a delivery can be repeated).
    const after = [];
    for (const f of failures) after.push(...(await deliverUntilAccepted(fs, f)));
    for (const f of failures) after.push(await api.webhook(fs, f));

    await allLifecycles(fs, tenants, (s) => s.paymentStatus === 'past_due', 'every tenant past_due');
    // Let the lifecycles finish the commands of the failure before counting.
    await eventually(async () => { const e = await recordedEvents(fs, tenants); return e.filter((x) => x.type === 'payment.failed').length >= tenants.length ? e : undefined; }, 'the payment.failed events');
    const events = await recordedEvents(fs, tenants);
    const perTenant = tenants.map((t) => countBy(events.filter((e) => e.tenantId === t && e.type.startsWith('payment.')), (e) => e.type));
    const failedCount = events.filter((e) => e.type === 'payment.failed').length;
    rec.lost = tenants.length - new Set(events.filter((e) => e.type === 'payment.failed').map((e) => e.tenantId)).size;
    rec.duplicates = failedCount - tenants.length + Math.max(0, events.filter((e) => e.type === 'tenant.payment_status.changed').length - tenants.length);

    expect(during.map((a) => [a.status, a.retryAfter, (a.body as { error?: { code?: string } }).error?.code])).toEqual(during.map(() => [503, expect.stringMatching(/^\d+$/), 'DEPENDENCY_UNAVAILABLE']));
    expect(after.filter((a) => a.status !== 503).map((a) => a.status)).toEqual(after.filter((a) => a.status !== 503).map(() => 200));
    expect(perTenant).toEqual(tenants.map(() => ({ 'payment.failed': 1 })));
    expect(countBy(events.filter((e) => e.type === 'tenant.payment_status.changed'), (e) => e.tenantId)).toEqual(Object.fromEntries(tenants.map((t) => [t, 1])));
    expect((await inboxRows(fs, failures.map((f) => f.id))).map((r) => r.status).sort()).toEqual(tenants.map(() => 'forwarded'));
  });
});
