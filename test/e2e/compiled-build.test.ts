import { describe, expect, it } from 'vitest';
import type { TenantStatusView } from '../../services/usage/read-tenant-status.js';
import { useCompiledBuild } from '../support/build.js';
import { createEmptyDatabase } from '../support/database.js';
import { runBash } from '../support/dev-scripts.js';
import { useE2E } from '../support/e2e.js';
import { uid } from '../support/ids.js';
import { eventually } from '../support/wait.js';

// The compiled path (`npm run build`, then ops/run-compiled as the image and `npm start --prod` run
// it): the API and the worker run from dist/ with no tsx, the worker on the prebuilt workflow bundle,
// and a tenant registered through that API lives its lifecycle on that worker (a short trial ends);
// the compiled migration migrates an empty database from the migrations copied into dist/.

const tenantId = uid('e2e-dist-');
useCompiledBuild();
const e2e = useE2E(() => [tenantId], { TRIAL_PERIOD: '3s', TRIAL_REMINDERS: '1s' }, { compiled: true });
const service = () => e2e.headers(['service']);

async function status(): Promise<TenantStatusView> {
  const res = await fetch(`${e2e.tenure.baseUrl}/internal/tenants/${tenantId}/status`, { headers: service() });
  expect(res.status).toBe(200);
  return (await res.json()) as TenantStatusView;
}

describe('the compiled build', () => {
  it('runs the worker on the prebuilt workflow bundle from dist/', () => {
    const started = e2e.tenure.output().split('\n').find((line) => line.includes('"worker started"'));
    expect(JSON.parse(started!).workflowBundle).toMatch(/\/dist\/workflows\/workflow-bundle\.js$/);
  });

  it('registers a tenant through the compiled API and runs its lifecycle on the compiled worker', async () => {
    const res = await fetch(`${e2e.tenure.baseUrl}/tenants`, { method: 'POST', headers: service(), body: JSON.stringify({ tenantId, name: 'Compiled Co', email: 'billing@dist.example' }) });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: true, tenant: { tenantId, status: 'active', access: 'full', plan: { id: 'starter' } } });

    const expired = await e2e.events.waitFor((e) => e.type === 'trial.expired');
    expect(expired).toMatchObject({ tenantId, version: 1 });
    const after = await eventually(async () => { const s = await status(); return s.plan.id === 'free' ? s : undefined; }, 'the tenant on the free plan after its trial');
    expect(after).toMatchObject({ tenantId, status: 'active', access: 'full', plan: { id: 'free' } });
  });
});

describe('the compiled migration', () => {
  it('migrates an empty database and seeds the demo catalog from dist/', async () => {
    const database = await createEmptyDatabase(e2e.config.db.url);
    try {
      const run = await runBash(['-c', 'ops/run-compiled migrate'], { DATABASE_URL: database.url, NODE_ENV: 'test' });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^ {4}database migrated; \d+ demo plan\(s\) seeded\n$/);
      const plans = await database.sql`select id from plans where id in ('starter', 'free') order by id`;
      expect(plans.map((p) => p.id)).toEqual(['free', 'starter']);
    } finally {
      await database.drop();
    }
  });
});
