import { describe, expect, it } from 'vitest';
import { runTenure } from '../support/cli.js';
import { useE2E } from '../support/e2e.js';
import { uid } from '../support/ids.js';
import { eventually } from '../support/wait.js';

// Issue 12 on the real processes: an operator's own features, a plan granting them, the fast-path
// checks and consume, and an override that expires on the lifecycle's durable timer.

const subscribed = uid('e2e-ent-a-');
const trialing = uid('e2e-ent-b-');
const e2e = useE2E(() => [subscribed, trialing]);
const api = (path: string, init: { method?: string; body?: unknown; roles?: ('service' | 'platform_admin')[] } = {}) =>
  fetch(`${e2e.tenure.baseUrl}${path}`, { method: init.method ?? 'GET', headers: e2e.headers(init.roles ?? ['service']), body: init.body === undefined ? undefined : JSON.stringify(init.body) });
const admin = (path: string, method: string, body?: unknown) => api(path, { method, body, roles: ['platform_admin'] });
const feature = async (tenantId: string, key: string) => (await (await api(`/internal/tenants/${tenantId}/features/${key}`)).json()) as { key: string; enabled: boolean; reason: string };
const consume = (tenantId: string, metric: string, amount: number) => api(`/internal/tenants/${tenantId}/usage/consume`, { method: 'POST', body: { metric, amount } });

const sso = uid('sso_').replace(/-/g, '_').toLowerCase();
const exports = uid('exports_').replace(/-/g, '_').toLowerCase();
const planId = uid('pro-').toLowerCase();

describe('an operator-defined catalog', () => {
  it('grants a boolean and a monthly feature to a plan: its tenant is enabled up to the limit, another is not', async () => {
    expect((await admin('/admin/features', 'POST', { key: sso, name: 'Single sign-on', kind: 'boolean' })).status).toBe(201);
    expect((await admin('/admin/features', 'POST', { key: exports, name: 'Exports', kind: 'monthly', unit: 'exports' })).status).toBe(201);
    const plan = await admin('/admin/plans', 'POST', {
      id: planId, name: 'Pro', rank: 40, priceMonthlyCents: 4_900, stripePriceId: `price_${planId}`,
      entitlements: { [sso]: { enabled: true }, [exports]: { limit: 3 } },
    });
    expect(plan.status).toBe(201);

    for (const tenantId of [subscribed, trialing]) expect((await api('/tenants', { method: 'POST', body: { tenantId } })).status).toBe(201);
    const sim = await runTenure(['stripe', 'simulate', 'customer.subscription.created', '--plan', planId, '--tenant', subscribed, '--url', `${e2e.tenure.baseUrl}/webhooks/stripe`], { env: { DATABASE_URL: e2e.database.url } });
    expect(sim.code).toBe(0);
    await eventually(async () => ((await feature(subscribed, sso)).enabled ? true : undefined), 'sso on for the subscribed tenant', 20_000);

    expect(await feature(subscribed, sso)).toEqual({ key: sso, enabled: true, reason: 'plan' });
    expect((await consume(subscribed, exports, 3)).status).toBe(200);
    const over = await consume(subscribed, exports, 1);
    expect(over.status).toBe(402);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('LIMIT_EXCEEDED');
    const entitlements = (await (await api(`/internal/tenants/${subscribed}/entitlements`)).json()) as { features: Record<string, unknown> };
    expect(entitlements.features[exports]).toEqual({ kind: 'monthly', enabled: true, limit: 3, used: 3, remaining: 0, source: 'plan' });
    expect(entitlements.features[sso]).toEqual({ kind: 'boolean', enabled: true, limit: null, used: null, remaining: null, source: 'plan' });

    expect(await feature(trialing, sso)).toEqual({ key: sso, enabled: false, reason: 'plan' });
    const refused = await consume(trialing, exports, 1);
    expect(refused.status).toBe(402);
    expect(((await refused.json()) as { error: { code: string; details: { limit: number } } }).error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 0 } });
    const status = (await (await api(`/internal/tenants/${subscribed}/status`)).json()) as { features: Record<string, boolean>; limits: Record<string, number | null> };
    expect(status).toMatchObject({ features: { [sso]: true }, limits: { [exports]: 3 } });
  });

  it('turns a feature on for one tenant until a time, then off again, publishing each step', async () => {
    const until = new Date(Date.now() + 10_000).toISOString();
    const set = await admin(`/admin/tenants/${trialing}/features/${sso}/override`, 'POST', { enabled: true, until, reason: 'pilot' });
    expect(set.status).toBe(200);
    await eventually(async () => ((await feature(trialing, sso)).enabled ? true : undefined), 'the override in force', 10_000);
    expect(await feature(trialing, sso)).toEqual({ key: sso, enabled: true, reason: 'override' });
    expect(await feature(subscribed, sso)).toMatchObject({ enabled: true, reason: 'plan' });

    const overridden = await e2e.events.waitFor((e) => e.tenantId === trialing && e.type === 'entitlement.overridden');
    expect(overridden.data).toMatchObject({ key: sso, enabled: true, until, reason: 'pilot', previous: null });
    const expired = await e2e.events.waitFor((e) => e.tenantId === trialing && e.type === 'entitlement.override_expired', 30_000);
    expect(expired.data).toEqual({ key: sso, until });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
    expect(await feature(trialing, sso)).toEqual({ key: sso, enabled: false, reason: 'plan' });
  });
});
