import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { uid } from '../../support/ids.js';
import { eventually } from '../../support/wait.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Plan versions and migrations on the real dev server (issue 13): editing growth's limits makes
// version 2, a tenant subscribed before keeps version 1's limits, a dry run lists it with before and
// after, and applying moves it to version 2, whose limits its status then shows.
let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const admin = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-1', roles: ['platform_admin'] }));
const service = () => bearer(signToken(stack.config.auth.jwtSecret, { roles: ['service'] }));
const status = async (tenantId: string) => (await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: service() })).json();
const startMigration = (payload: object, planId = 'growth') => stack.app.inject({ method: 'POST', url: `/admin/plans/${planId}/migrations`, headers: admin(), payload });
const report = async (id: string) => (await stack.app.inject({ method: 'GET', url: `/admin/migrations/${id}`, headers: admin() })).json();
const finished = (id: string) => eventually(async () => { const r = await report(id); return r.status === 'completed' ? r : undefined; }, `migration ${id} completed`, 40_000);

async function subscribedTenant(): Promise<string> {
  const t = uid('mig-');
  await registerTenant(stack, t);
  const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ tenantId: t, customer: uid('cus_'), id: uid('sub_') })), stack.config.stripe.webhookSecret);
  expect((await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
  await stateWhere(stack, t, (s) => s.plan.id === 'growth' && s.subscription !== null && s.trial === null, 'subscribed to growth');
  return t;
}

describe('plan versions and migrations', () => {
  it('version 2 reaches a tenant subscribed on version 1 only through a migration: dry run first, then apply', async () => {
    const t = await subscribedTenant();
    const onGrowth = await eventually(async () => { const s = await status(t); return s.plan.id === 'growth' ? s : undefined; }, 'status on growth');
    const v1Campaigns = onGrowth.limits.campaigns;
    const plan = (await stack.app.inject({ method: 'GET', url: '/admin/plans/growth', headers: admin() })).json();
    const edit = await stack.app.inject({ method: 'PATCH', url: '/admin/plans/growth', headers: admin(), payload: { entitlements: { ...plan.entitlements, campaigns: { limit: v1Campaigns + 30 } } } });
    expect([edit.statusCode, edit.json().version]).toEqual([200, 2]);
    expect((await status(t)).limits.campaigns).toBe(v1Campaigns);
    const versions = (await stack.app.inject({ method: 'GET', url: '/admin/plans/growth', headers: admin() })).json().versions;
    expect(versions.map((v: { version: number; tenants: number }) => [v.version, v.tenants])).toEqual([[1, 1], [2, 0]]);

    const dry = await startMigration({ toVersion: 2, tenantIds: [t], effective: 'now', dryRun: true });
    expect(dry.statusCode).toBe(202);
    const dryReport = await finished(dry.json().id);
    expect(dryReport.tenants).toEqual([expect.objectContaining({ tenantId: t, fromVersion: 1, outcome: 'previewed', code: null })]);
    expect(dryReport.tenants[0].report).toMatchObject({ fromVersion: 1, toVersion: 2, before: { campaigns: { limit: v1Campaigns } }, after: { campaigns: { limit: v1Campaigns + 30 } }, exceeded: [], proration: null });
    expect((await status(t)).limits.campaigns).toBe(v1Campaigns);

    const apply = await startMigration({ toVersion: 2, tenantIds: [t], effective: 'now' });
    const applied = await finished(apply.json().id);
    expect(applied.tenants.map((x: { tenantId: string; outcome: string }) => [x.tenantId, x.outcome])).toEqual([[t, 'applied']]);
    expect(applied.progress).toEqual({ total: 1, done: 1, outcomes: { applied: 1 } });
    await stateWhere(stack, t, (s) => s.plan.version === 2, 'on version 2');
    await eventually(async () => ((await status(t)).limits.campaigns === v1Campaigns + 30 ? true : undefined), 'status shows version 2 limits');
    const events = await stack.deps.db.execute(sql`select data from billing_events where tenant_id = ${t} and type = 'subscription.migrated'`);
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ migrationId: apply.json().id, planId: 'growth', fromVersion: 1, toVersion: 2, effective: 'now' })]);

    // Again: nobody is left on version 1, and a completed migration cannot be paused.
    const again = await finished((await startMigration({ toVersion: 2, tenantIds: [t], effective: 'now' })).json().id);
    expect(again.progress.total).toBe(0);
    const pause = await stack.app.inject({ method: 'POST', url: `/admin/migrations/${apply.json().id}/pause`, headers: admin() });
    expect([pause.statusCode, pause.json().error.code]).toEqual([409, 'INVALID_TRANSITION']);
  });

  it('refuses a version the plan does not have, a source that is the target, and answers 404 for an unknown migration', async () => {
    const codes = async (res: Promise<{ statusCode: number; json(): { error?: { code: string } } }>) => { const r = await res; return [r.statusCode, r.json().error?.code]; };
    expect(await codes(startMigration({ toVersion: 99, effective: 'now' }))).toEqual([404, 'PLAN_NOT_FOUND']);
    expect(await codes(startMigration({ toVersion: 1, effective: 'now' }, 'no-such-plan'))).toEqual([404, 'PLAN_NOT_FOUND']);
    expect(await codes(startMigration({ toVersion: 1, fromVersions: [1], effective: 'now' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await codes(startMigration({ toVersion: 1, effective: 'tomorrow' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await codes(stack.app.inject({ method: 'GET', url: '/admin/migrations/mig_nope', headers: admin() }))).toEqual([404, 'NOT_FOUND']);
  });
});
