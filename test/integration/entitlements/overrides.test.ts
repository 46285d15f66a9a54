import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAdminPassword } from '../../../services/admin/passwords.js';
import { uid } from '../../support/ids.js';
import { registerTenant, workflowState } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Feature overrides through the admin routes, the workflow and Redis, read back by the service routes.
// The trial plan (starter) grants the seed metered features and not the boolean advanced_analytics.

let stack: TestStack;
const PASSWORD = 'correct horse battery staple';
beforeAll(async () => {
  stack = await startTestStack();
  await setAdminPassword(stack.database.db, 'admin-ent', PASSWORD);
});
afterAll(async () => { await stack?.close(); });

const admin = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-ent', roles: ['platform_admin'] }));
const service = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'svc', roles: ['service'] }));
const override = (t: string, key: string, method: 'POST' | 'DELETE', payload?: object) =>
  stack.app.inject({ method, url: `/admin/tenants/${t}/features/${key}/override`, headers: admin(), ...(payload ? { payload } : {}) });
const get = async (url: string) => stack.app.inject({ method: 'GET', url, headers: service() });
const check = async (t: string, key: string) => (await get(`/internal/tenants/${t}/features/${key}`)).json();
const events = (t: string) => stack.database.sql<{ type: string; data: Record<string, unknown> }[]>`
  select type, data from billing_events where tenant_id = ${t} and type like 'entitlement.%' order by seq`;

describe('feature overrides', () => {
  it('turns a boolean feature on for one tenant without a password, and removes it with one', async () => {
    const t = uid('ovr-');
    const other = uid('ovr-other-');
    await registerTenant(stack, t);
    await registerTenant(stack, other);
    expect(await check(t, 'advanced_analytics')).toEqual({ key: 'advanced_analytics', enabled: false, reason: 'plan' });

    const set = await override(t, 'advanced_analytics', 'POST', { enabled: true, reason: 'pilot' });
    expect(set.statusCode).toBe(200);
    expect(set.json().tenant.overrides).toEqual([{ key: 'advanced_analytics', enabled: true, reason: 'pilot', until: null }]);
    expect(await check(t, 'advanced_analytics')).toEqual({ key: 'advanced_analytics', enabled: true, reason: 'override' });
    expect(await check(other, 'advanced_analytics')).toEqual({ key: 'advanced_analytics', enabled: false, reason: 'plan' });
    const entitlements = (await get(`/internal/tenants/${t}/entitlements`)).json();
    expect(entitlements.features.advanced_analytics).toEqual({ kind: 'boolean', enabled: true, limit: null, used: null, remaining: null, source: 'override' });
    expect((await get(`/internal/tenants/${t}/status`)).json().features).toEqual({ advanced_analytics: true });

    const noPassword = await override(t, 'advanced_analytics', 'DELETE', { reason: 'pilot over' });
    expect(noPassword.statusCode).toBe(401);
    const removed = await override(t, 'advanced_analytics', 'DELETE', { reason: 'pilot over', password: PASSWORD });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().tenant.overrides).toEqual([]);
    expect(await check(t, 'advanced_analytics')).toEqual({ key: 'advanced_analytics', enabled: false, reason: 'plan' });
    const again = await override(t, 'advanced_analytics', 'DELETE', { password: PASSWORD });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('NOT_FOUND');

    expect((await events(t)).map((e) => [e.type, e.data.key])).toEqual([
      ['entitlement.overridden', 'advanced_analytics'], ['entitlement.override_removed', 'advanced_analytics'],
    ]);
  });

  it('limits a metered feature (re-authenticated) and consume enforces the new limit', async () => {
    const t = uid('ovr-lim-');
    await registerTenant(stack, t);
    expect((await override(t, 'seats', 'POST', { limit: 1, reason: 'downsized' })).statusCode).toBe(401);
    const set = await override(t, 'seats', 'POST', { limit: 1, reason: 'downsized', password: PASSWORD });
    expect(set.statusCode).toBe(200);
    const consume = () => stack.app.inject({ method: 'POST', url: `/internal/tenants/${t}/usage/consume`, headers: service(), payload: { metric: 'seats' } });
    expect((await consume()).statusCode).toBe(200);
    const refused = await consume();
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error.details).toMatchObject({ metric: 'seats', limit: 1 });
    expect((await get(`/internal/tenants/${t}/status`)).json().limits.seats).toBe(1);
    expect((await workflowState(stack, t)).overrides).toEqual([{ key: 'seats', limit: 1, reason: 'downsized', until: null }]);
  });

  it('refuses an unknown feature, a value of the wrong kind, an end in the past and a malformed key, changing nothing', async () => {
    const t = uid('ovr-bad-');
    await registerTenant(stack, t);
    const unknown = await override(t, 'rockets', 'POST', { enabled: true, reason: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { feature: 'rockets', problem: 'unknown_feature' } });
    const wrongKind = await override(t, 'advanced_analytics', 'POST', { limit: 3, reason: 'x', password: PASSWORD });
    expect(wrongKind.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { feature: 'advanced_analytics', problem: 'wrong_kind' } });
    const past = await override(t, 'advanced_analytics', 'POST', { enabled: true, reason: 'x', until: '2020-01-01T00:00:00Z' });
    expect(past.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'until' } });
    const both = await override(t, 'seats', 'POST', { enabled: true, limit: 3, reason: 'x', password: PASSWORD });
    expect(both.json().error.code).toBe('VALIDATION_FAILED');
    const malformed = await override(t, 'Not-A-Key!', 'POST', { enabled: true, reason: 'x' });
    expect(malformed.statusCode).toBe(400);
    expect((await workflowState(stack, t)).overrides).toEqual([]);
  });

  it('answers an unknown feature check as off, and an unknown tenant as 404', async () => {
    const t = uid('ovr-chk-');
    await registerTenant(stack, t);
    expect(await check(t, 'not_in_catalog')).toEqual({ key: 'not_in_catalog', enabled: false, reason: 'unknown_feature' });
    const missing = await get(`/internal/tenants/${uid('nobody-')}/features/seats`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('TENANT_NOT_FOUND');
  });
});
