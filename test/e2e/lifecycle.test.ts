import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TenantStatusView } from '../../services/usage/read-tenant-status.js';
import { stripeEventSignal, workflowIdOf } from '../../workflows/messages.js';
import { useE2E } from '../support/e2e.js';
import { uid } from '../support/ids.js';
import { invoiceEvent, subscriptionSnapshot, subscriptionUpdated } from '../support/normalized-events.js';
import { eventually } from '../support/wait.js';

// A dunning lifecycle in seconds against the real dev server: restricted after 4s, locked after 8s.
const run = promisify(execFile);
const tenantId = uid('e2e-life-');
const e2e = useE2E(() => [tenantId], { TRIAL_PERIOD: '10m', TRIAL_REMINDERS: '5m', DUNNING_RESTRICT_AFTER: '4s', DUNNING_LOCK_AFTER: '8s' });
const headers = () => e2e.headers(['service']);
const status = async () => (await (await fetch(`${e2e.tenure.baseUrl}/internal/tenants/${tenantId}/status`, { headers: headers() })).json()) as TenantStatusView;

describe('a dunning lifecycle on the dev server', () => {
  it('goes past_due, restricted, locked and back to active, visible to every kind of observer', async () => {
    expect((await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: headers(), body: JSON.stringify({ tenantId }) })).status).toBe(201);
    const handle = e2e.temporal.workflow.getHandle(workflowIdOf(tenantId));
    const t0 = Date.now();
    await handle.signal(stripeEventSignal, subscriptionUpdated(`evt_${tenantId}_sub`, t0, subscriptionSnapshot('growth', t0)));
    await eventually(async () => ((await status()).plan.id === 'growth' ? true : undefined), 'the growth plan');

    await handle.signal(stripeEventSignal, invoiceEvent('invoice.payment_failed', `evt_${tenantId}_fail`, Date.now(), 'in_e2e'));
    const pastDue = await eventually(async () => { const s = await status(); return s.paymentStatus === 'past_due' ? s : undefined; }, 'past_due');
    expect(pastDue.access).toBe('full');

    const restricted = await eventually(async () => { const s = await status(); return s.paymentStatus === 'restricted' ? s : undefined; }, 'restricted', 20_000);
    expect(restricted.access).toBe('read_only');
    await e2e.events.waitFor((e) => e.type === 'tenant.restricted');
    const found = await eventually(async () => {
      for await (const wf of e2e.temporal.workflow.list({ query: `PaymentStatus='restricted' AND TenantId='${tenantId}'` })) return wf;
      return undefined;
    }, 'the restricted tenant in visibility', 10_000);
    expect(found.workflowId).toBe(workflowIdOf(tenantId));

    const { stdout } = await run('temporal', ['workflow', 'query', '--workflow-id', workflowIdOf(tenantId), '--type', 'state', '--address', e2e.config.temporal.address, '--output', 'json']);
    expect(stdout).toContain(tenantId);
    expect(stdout).toContain('restricted');

    const locked = await eventually(async () => { const s = await status(); return s.paymentStatus === 'locked' ? s : undefined; }, 'locked', 20_000);
    expect(locked.access).toBe('none');
    expect((await e2e.events.waitFor((e) => e.type === 'tenant.locked')).data.source).toBe('dunning');

    await handle.signal(stripeEventSignal, invoiceEvent('invoice.paid', `evt_${tenantId}_paid`, Date.now(), 'in_e2e'));
    const restored = await eventually(async () => { const s = await status(); return s.paymentStatus === 'active' ? s : undefined; }, 'active again');
    expect(restored.access).toBe('full');
    await e2e.events.waitFor((e) => e.type === 'payment.restored');
    await e2e.events.waitFor((e) => e.type === 'tenant.restored');
  });
});
