import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2e.js';
import { uid } from '../support/ids.js';
import { eventually } from '../support/wait.js';

// A plan migration of 200 tenants survives two SIGKILLs of the worker process (issue 13): it resumes
// where it was and applies each tenant exactly once. The tenants are on their trial, on the starter
// plan (version 1); editing starter's limits makes version 2, and the migration moves them to it.

const TENANTS = 200;
const prefix = uid('e2e-mig-');
const tenantIds = Array.from({ length: TENANTS }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
const e2e = useE2E(() => tenantIds);

const api = (path: string, init: { method?: string; body?: unknown } = {}) => fetch(`${e2e.tenure.baseUrl}${path}`, {
  method: init.method ?? 'GET', headers: e2e.headers(['platform_admin']), ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
});
interface Report { status: string; progress: { total: number; done: number; outcomes: Record<string, number> } }
const report = async (id: string) => (await (await api(`/admin/migrations/${id}?limit=1000`)).json()) as Report;
const appliedAtLeast = (id: string, n: number) => eventually(async () => {
  const r = await report(id);
  return (r.progress.outcomes.applied ?? 0) >= n ? r : undefined;
}, `${n} tenants applied`, 150_000, 250);

/** Registers a tenant; on the loaded machine the API may answer 503 (Temporal's deadline), and a repeated registration is harmless. */
async function register(tenantId: string): Promise<string> {
  for (;;) {
    const res = await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: e2e.headers(['service']), body: JSON.stringify({ tenantId }) });
    if (res.status !== 503) return ((await res.json()) as { tenant: { tenantId: string } }).tenant.tenantId;
  }
}

async function registerAll(): Promise<void> {
  for (let i = 0; i < TENANTS; i += 5) {
    const chunk = tenantIds.slice(i, i + 5);
    expect(await Promise.all(chunk.map(register))).toEqual(chunk);
  }
}

describe('a plan migration and worker crashes', () => {
  it('survives two worker SIGKILLs and applies each of 200 tenants exactly once', async () => {
    await registerAll();
    const starter = (await (await api('/admin/plans/starter')).json()) as { entitlements: Record<string, unknown> };
    const edit = await api('/admin/plans/starter', { method: 'PATCH', body: { entitlements: { ...starter.entitlements, campaigns: { limit: 7 } } } });
    expect(((await edit.json()) as { version: number }).version).toBe(2);

    const started = await api('/admin/plans/starter/migrations', { method: 'POST', body: { toVersion: 2, tenantIds, effective: 'now', ratePerSecond: 20 } });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };

    await appliedAtLeast(id, 20);
    await e2e.tenure.killWorker();
    await e2e.tenure.restartWorker();
    await appliedAtLeast(id, 100);
    await e2e.tenure.killWorker();
    await e2e.tenure.restartWorker();
    const done = await eventually(async () => { const r = await report(id); return r.status === 'completed' ? r : undefined; }, 'migration completed', 150_000, 500);

    expect(done.progress).toEqual({ total: TENANTS, done: TENANTS, outcomes: { applied: TENANTS } });
    const rows = await e2e.database.sql<{ tenant_id: string; n: number }[]>`
      select tenant_id, count(*)::int as n from billing_events where type = 'subscription.migrated' group by tenant_id order by tenant_id`;
    expect(rows.map((r) => [r.tenant_id, r.n])).toEqual(tenantIds.map((t) => [t, 1]));
    const versions = await e2e.database.sql<{ plan_version: number; n: number }[]>`select plan_version, count(*)::int as n from tenants where plan_id = 'starter' group by plan_version`;
    expect(versions.map((v) => [v.plan_version, v.n])).toEqual([[2, TENANTS]]);
  }, 420_000);
});
