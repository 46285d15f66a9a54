import type { TenantStatusView } from '../../services/usage/read-tenant-status.js';
import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import { uid } from '../support/ids.js';
import { eventually } from '../support/wait.js';

// The whole path through the real processes: POST /tenants -> workflow (visible by TenantId) ->
// projection in Postgres -> tenant.created on Kafka -> GET /internal/tenants/:id/status.

const tenantId = uid('e2e-');
const e2e = useE2E(() => [tenantId]);
const service = () => e2e.headers(['service']);

describe('registering a tenant', () => {
  it('starts its lifecycle, projects it, announces it and serves its status', async () => {
    const res = await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: service(), body: JSON.stringify({ tenantId, name: 'E2E Co', email: 'billing@e2e.example' }) });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { created: boolean; tenant: TenantStatusView };
    expect(created).toMatchObject({ created: true, tenant: { tenantId, status: 'active', paymentStatus: 'active', access: 'full', plan: { id: 'starter' } } });

    const again = await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: service(), body: JSON.stringify({ tenantId }) });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { created: boolean }).created).toBe(false);

    const found = await eventually(async () => {
      for await (const wf of e2e.temporal.workflow.list({ query: `TenantId='${tenantId}'` })) return wf;
      return undefined;
    }, 'the workflow in the visibility query');
    expect(found.workflowId).toBe(`tenant:${tenantId}`);
    expect(found.type).toBe('tenantLifecycle');

    const rows = await e2e.database.sql`select plan_id, status, trial_ends_at from tenants where tenant_id = ${tenantId}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.plan_id).toBe('starter');
    expect(Date.parse(String(rows[0]!.trial_ends_at)) - Date.now()).toBeGreaterThan(13 * 86_400_000);

    const event = await e2e.events.waitFor((e) => e.type === 'tenant.created');
    expect(event).toMatchObject({ version: 1, tenantId, type: 'tenant.created' });
    const audit = await e2e.database.sql`select id from billing_events where tenant_id = ${tenantId} and type = 'tenant.created'`;
    expect(audit.map((r) => r.id)).toEqual([event.id]);

    const status = await fetch(`${e2e.tenure.baseUrl}/internal/tenants/${tenantId}/status`, { headers: service() });
    expect(status.status).toBe(200);
    expect(status.headers.get('cache-control')).toContain('max-age');
    const body = (await status.json()) as TenantStatusView;
    expect(body).toMatchObject({ tenantId, status: 'active', paymentStatus: 'active', access: 'full', plan: { id: 'starter', name: 'Starter' } });
    expect(Date.parse(body.trial!.endsAt) - Date.now()).toBeGreaterThan(13 * 86_400_000);
    expect(body.limits.campaigns).toBe(3);
    expect(body.version).toBeGreaterThanOrEqual(1);
  });
});
